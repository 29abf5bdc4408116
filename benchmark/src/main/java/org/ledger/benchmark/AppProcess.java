package org.ledger.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The application under test, as a separate JVM started from the packaged jar exactly as an operator would
 * ({@code java -Xmx512m -jar ledger-app.jar}, or extracted with its CDS archive as the Docker image does: see
 * {@link AppLayout}), on a fresh data directory, bound to 127.0.0.1 on a free port, with
 * the benchmark accounts configured with bcrypt hashes (authentication as shipped). Start-up to ready is the time
 * from starting the process to the first 200 of {@code /actuator/health}.
 */
final class AppProcess implements AutoCloseable {

    /** The benchmark accounts: user, role, unit. Password = user name + a fixed suffix. */
    static final List<List<String>> ACCOUNTS = List.of(
            List.of("admin", "ADMIN", "jgw"),
            List.of("supervisor", "SUPERVISOR", "jgw"),
            List.of("lead", "UNIT_LEAD", "branch-1"),
            List.of("auditor", "AUDITOR", "jgw"));

    /** What HotSpot logs (gc, warning) when a class histogram had to count without its collection first. */
    static final String GC_SKIPPED = "pre-dump GC was skipped";

    static final int LIVE_HEAP_ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path log;
    private final Path dataDir;
    private final long startNanos;
    private long readyNanos = -1;

    private AppProcess(Process process, int port, Path log, Path dataDir, long startNanos) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.dataDir = dataDir;
        this.startNanos = startNanos;
    }

    static Map<String, String> passwords() {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (List<String> account : ACCOUNTS) {
            passwords.put(account.get(0), account.get(0) + "-bench");
        }
        return passwords;
    }

    /**
     * Starts the application laid out as {@code layout}. {@code postgresUrl} null: the embedded default (H2 file under the data directory); otherwise
     * profile {@code postgres} with LEDGER_DB_URL/USER/PASSWORD in the environment, as in production.
     * {@code properties}: more {@code --name=value} arguments (workload 5 turns snapshots off with one).
     */
    static AppProcess start(AppLayout layout, Path dataDir, String heap, String postgresUrl, String dbUser,
                            String dbPassword, Path log, List<String> extraArguments) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap));
        command.addAll(layout.jvmOptions());
        command.addAll(List.of("-Daxoniq.update-checker.disabled=true", "-jar", layout.jar().toString(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                // The per-user write limit (20/s, burst 100) is a policy against runaway scripts; the benchmark's
                // sixteen clients act as two users and would measure the limit, not the engine.
                "--ledger.limits.writes.rate=0"));
        if (postgresUrl != null) {
            command.add("--spring.profiles.active=postgres");
        }
        command.addAll(accountArguments());
        command.addAll(extraArguments);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        if (postgresUrl != null) {
            builder.environment().put("LEDGER_DB_URL", postgresUrl);
            builder.environment().put("LEDGER_DB_USER", dbUser);
            builder.environment().put("LEDGER_DB_PASSWORD", dbPassword);
        }
        long start = System.nanoTime();
        return new AppProcess(builder.start(), port, log, dataDir, start);
    }

    /** The benchmark accounts as application arguments, passwords as {bcrypt} hashes (authentication as shipped). */
    static List<String> accountArguments() {
        BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(); // strength 10, Spring Security's default
        Map<String, String> passwords = passwords();
        List<String> arguments = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS.size(); i++) {
            List<String> account = ACCOUNTS.get(i);
            String prefix = "--ledger.security.accounts[" + i + "].";
            arguments.add(prefix + "username=" + account.get(0));
            arguments.add(prefix + "password={bcrypt}" + bcrypt.encode(passwords.get(account.get(0))));
            arguments.add(prefix + "roles=" + account.get(1));
            arguments.add(prefix + "unit=" + account.get(2));
        }
        return arguments;
    }

    /** Polls /actuator/health every 20 ms until it answers 200; answers the start-up-to-ready time. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = startNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    readyNanos = System.nanoTime();
                    return Duration.ofNanos(readyNanos - startNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the application was not healthy within " + timeout + "; see " + log);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The application's data directory (the H2 file {@code ledger.mv.db} lives there on the embedded default). */
    Path dataDir() {
        return dataDir;
    }

    Path log() {
        return log;
    }

    /**
     * Asks the application's JVM for a full GC through {@code jcmd <pid> GC.run} (the JDK's own diagnostic command,
     * no endpoint in the application needed). Answers false when jcmd is not available.
     */
    boolean collectGarbage() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return gc.waitFor(30, TimeUnit.SECONDS) && gc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The bytes of every object still reachable in the application's heap, from {@code jcmd <pid>
     * GC.class_histogram}: it collects the whole heap and then counts what survived, in one safepoint, so nothing the
     * application allocates meanwhile is counted (unlike reading the heap's use after a {@link #collectGarbage()}).
     *
     * <p>Except when a thread is inside a JNI critical region at that moment (the XLSX export's {@code Deflater}
     * often is): then the JVM counts without collecting, garbage included, and says so on its standard output, which
     * is the application's log ({@link #GC_SKIPPED}). Such a count is thrown away and taken again, up to
     * {@value #LIVE_HEAP_ATTEMPTS} times. Over six exports of 100,071 rows, 4 of 31 counts were such counts, 70-200 MB
     * above the others (the JVM's log named each), and one of them had made a full run report 114.7 MB of "live"
     * growth for an export that keeps less than 20 MB.
     *
     * <p>NaN when jcmd is not available, answers no total, or every attempt was skipped.
     */
    double liveHeapBytes() {
        for (int attempt = 0; attempt < LIVE_HEAP_ATTEMPTS; attempt++) {
            long logged = logSize();
            double bytes = liveHeapBytes(process.pid());
            if (!collectionSkippedSince(log, logged)) {
                return bytes;
            }
        }
        return Double.NaN;
    }

    private long logSize() {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the JVM logged {@link #GC_SKIPPED} to {@code log} after its first {@code offset} bytes. */
    static boolean collectionSkippedSince(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            if (length <= offset) {
                return false;
            }
            byte[] added = new byte[Math.toIntExact(length - offset)];
            file.seek(offset);
            file.readFully(added);
            return new String(added, StandardCharsets.UTF_8).contains(GC_SKIPPED);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@link #liveHeapBytes()} of any JVM of this user. */
    static double liveHeapBytes(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return Double.NaN;
        }
        try {
            Process histogram = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String total = null;
            try (java.io.BufferedReader out = histogram.inputReader()) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("Total")) {
                        total = line; // "Total <instances> <bytes>", the last line
                    }
                }
            }
            if (!histogram.waitFor(30, TimeUnit.SECONDS) || histogram.exitValue() != 0 || total == null) {
                return Double.NaN;
            }
            return Double.parseDouble(total.trim().split("\\s+")[2]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** SIGTERM (graceful shutdown), then SIGKILL if it has not exited within 40 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
