package org.ledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The export's live heap measure ({@link AppProcess#liveHeapBytes(long)}) counts what a JVM keeps reachable and not
 * the garbage it makes: a child JVM holds 48 MB while it churns through garbage in 1 MB arrays. A count the JVM took
 * without collecting first is recognised by what it logged ({@link AppProcess#collectionSkippedSince}).
 */
class LiveHeapTest {

    static final int KEPT_MB = 48;

    /** The child: keeps {@link #KEPT_MB} MB reachable, says so, then allocates garbage until it is killed. */
    public static void main(String[] args) throws InterruptedException {
        byte[][] kept = new byte[KEPT_MB][];
        for (int i = 0; i < KEPT_MB; i++) {
            kept[i] = new byte[1024 * 1024];
        }
        System.out.println("holding " + kept.length);
        System.out.flush();
        long sink = 0;
        while (true) {
            byte[] garbage = new byte[1024 * 1024];
            sink += garbage.length;
            if (sink % (64L * 1024 * 1024) == 0) {
                Thread.sleep(1);
            }
        }
    }

    @Test
    void countsWhatTheJvmKeepsReachableButNotItsGarbage() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), LiveHeapTest.class.getName())
                .redirectErrorStream(true).start();
        try (BufferedReader out = child.inputReader()) {
            assertThat(out.readLine()).isEqualTo("holding " + KEPT_MB);
            double live = AppProcess.liveHeapBytes(child.pid()) / (1024 * 1024);
            // the kept arrays, plus a few MB of the JVM's own start-up objects; none of the garbage churned since
            assertThat(live).isBetween((double) KEPT_MB, KEPT_MB + 16.0);
        } finally {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aCountTheJvmTookWithoutCollectingFirstIsToldApartByItsLog(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "[2.1s][warning][gc] GC locker is held; pre-dump GC was skipped\nstarted\n");
        long before = Files.size(log);

        // an older warning, before the count began, does not condemn it
        assertThat(AppProcess.collectionSkippedSince(log, before)).isFalse();
        Files.writeString(log, "INFO export of 100071 rows\n", StandardOpenOption.APPEND);
        assertThat(AppProcess.collectionSkippedSince(log, before)).isFalse();

        // HotSpot's words, as it logs them when a JNI critical region holds the GC locker during the count
        Files.writeString(log, "[37.716s][warning][gc] GC locker is held; pre-dump GC was skipped\n",
                StandardOpenOption.APPEND);
        assertThat(AppProcess.collectionSkippedSince(log, before)).isTrue();
        assertThat(AppProcess.collectionSkippedSince(log, Files.size(log))).isFalse();
    }
}
