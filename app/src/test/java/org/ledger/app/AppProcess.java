package org.ledger.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The application in a JVM process of its own, started from the test classpath ({@code org.ledger.LedgerApplication}),
 * so that a test can do to it what happens to a real server: kill it with SIGKILL in the middle of its work and start
 * it again on the same data. The test accounts {@code supervisor} (jgw), {@code lead} (branch-1) and {@code admin}
 * (jgw) have their user name as password, as {@link HttpClientSupport} expects. Binds 127.0.0.1 only; its output goes
 * to {@code target/<name>.log}.
 */
public final class AppProcess {

    /** Where the process keeps its data: an H2 file under the data directory, or a PostgreSQL database. */
    public record Database(String postgresUrl) {

        /** The embedded default: H2 file {@code ledger} under the data directory. */
        public static Database h2() {
            return new Database(null);
        }

        /** PostgreSQL at this URL (user and password {@code postgres}, as {@link PostgresTestDatabase} gives). */
        public static Database postgres(String url) {
            return new Database(url);
        }

        /** H2 on the plain test run, the test database of this data directory on the PostgreSQL run. */
        public static Database ofThisRun(Path dataDir) {
            return PostgresTestDatabase.enabled() ? postgres(PostgresTestDatabase.urlFor(dataDir.toString())) : h2();
        }

        public boolean isPostgres() {
            return postgresUrl != null;
        }

        /** A JDBC URL the test itself may open (for H2 only while the process is down: the file is locked). */
        public String jdbcUrl(Path dataDir) {
            return isPostgres() ? postgresUrl : "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ledger");
        }

        public String user() {
            return isPostgres() ? "postgres" : "sa";
        }

        public String password() {
            return isPostgres() ? "postgres" : "";
        }
    }

    private final String name;
    private final int port;
    private final Path dataDir;
    private final Path evidenceDir;
    private final Database database;
    private final List<String> extraArguments;
    private Process process;

    /**
     * @param name           names the log file
     * @param dataDir        the node's {@code ledger.data-dir} (its H2 file lives there)
     * @param evidenceDir    where evidence files go (shared by nodes on one database)
     * @param extraArguments further {@code --key=value} arguments
     */
    public AppProcess(String name, Path dataDir, Path evidenceDir, Database database, String... extraArguments) {
        this.name = name;
        this.port = freePort();
        this.dataDir = dataDir;
        this.evidenceDir = evidenceDir;
        this.database = database;
        this.extraArguments = List.of(extraArguments);
        try {
            // one log per test run; restarts append to it
            Files.deleteIfExists(log());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path log() {
        return Path.of("target", name + ".log");
    }

    public int port() {
        return port;
    }

    public HttpClientSupport client() {
        return new HttpClientSupport(port);
    }

    public Database database() {
        return database;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The process id, which the event processors put in their token claims ({@code pid@host}). */
    public long pid() {
        return process.pid();
    }

    /** Starts the process (again, on the same port and data, after a kill or stop). */
    public AppProcess start() {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path log = log();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only and the serial collector: the process starts about twice as fast on a busy machine
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Daxoniq.update-checker.disabled=true",
                "-cp", classpath, "org.ledger.LedgerApplication",
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                "--ledger.evidence.dir=" + evidenceDir,
                "--ledger.security.accounts[0].username=supervisor",
                "--ledger.security.accounts[0].password={noop}supervisor",
                "--ledger.security.accounts[0].roles=SUPERVISOR",
                "--ledger.security.accounts[0].unit=jgw",
                "--ledger.security.accounts[1].username=admin",
                "--ledger.security.accounts[1].password={noop}admin",
                "--ledger.security.accounts[1].roles=ADMIN",
                "--ledger.security.accounts[1].unit=jgw",
                "--ledger.security.accounts[2].username=lead",
                "--ledger.security.accounts[2].password={noop}lead",
                "--ledger.security.accounts[2].roles=UNIT_LEAD",
                "--ledger.security.accounts[2].unit=branch-1"));
        if (database.isPostgres()) {
            command.add("--spring.profiles.active=postgres");
        }
        command.addAll(extraArguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Map<String, String> env = builder.environment();
            if (database.isPostgres()) {
                env.put("LEDGER_DB_URL", database.postgresUrl());
                env.put("LEDGER_DB_USER", database.user());
                env.put("LEDGER_DB_PASSWORD", database.password());
            }
            env.put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /actuator/health} answers 200; fails if the process died meanwhile. */
    public AppProcess awaitHealthy(Duration timeout) throws InterruptedException {
        HttpClientSupport http = client();
        await(name + " healthy", timeout, () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; see target/" + name
                        + ".log");
            }
            return healthy(http);
        });
        return this;
    }

    /** SIGKILL: no shutdown hook, no graceful shutdown, open transactions and connections simply vanish. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /** SIGTERM: the graceful shutdown a real operator does; waits until the process is gone. */
    public void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public static boolean healthy(HttpClientSupport http) {
        try {
            return http.get(null, "/actuator/health").status() == 200;
        } catch (RuntimeException notYet) {
            return false;
        }
    }

    /** Polls {@code condition} every 200 ms until it holds; fails after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
