package org.ledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How the measured application is laid out on disk and started: the fat jar as built ({@code java -jar
 * ledger-app.jar}), or the way the Docker image runs it (README "Start-up"): extracted by Spring Boot's
 * {@code -Djarmode=tools extract} (a thin jar and {@code lib/}) with a class data sharing archive recorded by one
 * training start. Both are made by {@code docker/cds-archive.sh}, the script the image's build runs, so every
 * benchmark run also tries the image's script. The archive belongs to this exact jar and JVM, so the harness records
 * its own, with the JVM it starts the application with.
 *
 * @param jar        the jar to start with {@code -jar}
 * @param jvmOptions options before {@code -jar} beyond the heap (the archive, for the extracted layout)
 * @param describe   one line for the report
 */
record AppLayout(Path jar, List<String> jvmOptions, String describe) {

    static AppLayout fatJar(Path jar) {
        return new AppLayout(jar, List.of(), "fat jar (java -jar " + jar.getFileName() + ")");
    }

    /** Runs {@code script} (docker/cds-archive.sh) on {@code fatJar} into {@code directory}; takes a start's time. */
    static AppLayout extractedWithArchive(Path script, Path fatJar, Path directory)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException(script + " not found: run the harness from the repository root, or give "
                    + "--app-layout=jar");
        }
        Files.createDirectories(directory);
        Path log = directory.resolve("cds-archive.log");
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), fatJar.toString(), directory.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // the JVM the harness starts the application with records the archive (it is only valid for that JVM)
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + java.io.File.pathSeparator
                + System.getenv().getOrDefault("PATH", ""));
        builder.environment().put("CDS_TRAINING_PORT", Integer.toString(AppProcess.freePort()));
        Process process = builder.start();
        if (!process.waitFor(6, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish in 6 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = Files.readAllLines(log);
            throw new IllegalStateException(script + " failed (exit " + process.exitValue() + "):\n" + String.join(
                    "\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
        }
        Path archive = directory.resolve("ledger.jsa");
        Path jar = directory.resolve(fatJar.getFileName());
        return new AppLayout(jar, List.of("-XX:SharedArchiveFile=" + archive),
                "extracted jar + CDS archive, as the Docker image runs it (docker/cds-archive.sh; "
                        + "-XX:SharedArchiveFile=ledger.jsa -jar " + jar.getFileName() + ")");
    }
}
