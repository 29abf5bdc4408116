package org.ledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The benchmark harness of issue 9 (and the soak mode of issue 8). Run on demand, never in the tests:
 *
 * <pre>
 * ./mvnw -B -q -DskipTests package
 * java -jar benchmark/target/ledger-benchmark.jar --db=h2|postgres|both --size=small|full
 * java -jar benchmark/target/ledger-benchmark.jar --db=h2 --mode=soak --duration=30m
 * </pre>
 *
 * For each database it starts the packaged application as its own JVM on a fresh data directory (PostgreSQL: an
 * embedded server it starts and stops itself), measures start-up to ready, runs the workloads over HTTP and prints
 * the table. See /work/notes/README-bench.md (the README's "Benchmark" section) for how to read it.
 */
public final class Benchmark {

    /**
     * How long each phase runs and how much it works over. Small is a check that everything runs (two and a half
     * minutes here); full is what the README reports (19-23 minutes).
     */
    record Size(String name, Duration warmUp, Duration commands, Duration pages, int exports, Duration appends,
                long rebuildEvents, int longStreamEvents, int longStreamCommands) {

        static Size of(String name) {
            return switch (name) {
                case "small" -> new Size(name, Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(10),
                        3, Duration.ofSeconds(5), 10_000, 500, 50);
                // 5,000 events and 300 reports: without snapshots each report on 5,000 events takes ~0.15 s here
                case "full" -> new Size(name, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofMinutes(1),
                        10, Duration.ofSeconds(30), 1_000_000, 5_000, 300);
                default -> throw new IllegalArgumentException("--size must be small or full, not " + name);
            };
        }
    }

    /** Event row size assumed for the H2 append baseline when it cannot be read (see {@link #eventRowSize}). */
    static final int DEFAULT_PAYLOAD_BYTES = 150;
    static final int DEFAULT_META_DATA_BYTES = 215;

    private final Map<String, String> options;
    private final int clients;
    private final Path jar;
    private final Path results;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    private Benchmark(Map<String, String> options) {
        this.options = options;
        this.clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        this.jar = Path.of(options.getOrDefault("app-jar", "app/target/ledger-app.jar")).toAbsolutePath();
        this.results = Path.of(options.getOrDefault("results", defaultResults())).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = parse(args);
        if (options.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        Benchmark benchmark = new Benchmark(options);
        Runtime.getRuntime().addShutdownHook(new Thread(benchmark::closeAll, "benchmark-cleanup"));
        try {
            benchmark.run();
        } catch (Exception | Error failure) {
            // exit even when something left a non-daemon thread behind (an in-process generator that failed)
            failure.printStackTrace();
            benchmark.closeAll();
            System.exit(2);
        } finally {
            benchmark.closeAll();
        }
        System.exit(Errors.count() == 0 ? 0 : 1);
    }

    private void run() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " not found: build it first with ./mvnw -B -q -DskipTests package "
                    + "(or give --app-jar=...)");
        }
        String db = options.getOrDefault("db", "h2");
        List<String> databases = switch (db) {
            case "h2", "postgres" -> List.of(db);
            case "both" -> List.of("h2", "postgres");
            default -> throw new IllegalArgumentException("--db must be h2, postgres or both, not " + db);
        };
        for (String database : databases) {
            String report;
            try {
                report = "soak".equals(options.getOrDefault("mode", "bench")) ? soak(database) : bench(database);
            } finally {
                closeAll(); // this database's application, server and directory, before the next one starts
            }
            System.out.println();
            System.out.println(report);
            Files.createDirectories(results);
            Path file = results.resolve("benchmark-" + database + "-" + stamp() + ".txt");
            Files.writeString(file, report);
            System.out.println("(also written to " + file + ")");
        }
    }

    /** Everything a run needs: the temp directory, the database, the application. */
    private record Setup(Path dir, PostgresServer postgres, AppLayout layout, AppProcess app, Duration startUp,
                         Auth auth, String header, EventGenerator.Generated generated) {
    }

    private Setup setUp(String database) throws Exception {
        return setUp(database, 0, 0);
    }

    /**
     * @param generateEvents with {@code items}: when above 0, the {@link EventGenerator} fills the store with about
     *                       this many events before the application process starts
     */
    private Setup setUp(String database, long generateEvents, long items) throws Exception {
        Path dir = Files.createTempDirectory("ledger-bench-" + database + "-");
        if (options.containsKey("keep-data")) {
            System.out.println("Keeping " + dir + " after the run (--keep-data)");
        } else {
            toClose.add(() -> deleteTree(dir));
        }
        PostgresServer postgres = null;
        if (database.equals("postgres")) {
            System.out.println("Starting an embedded PostgreSQL…");
            postgres = PostgresServer.start(!"off".equals(options.get("pg-durability")));
            toClose.add(postgres);
        }
        EventGenerator.Generated generated = null;
        if (generateEvents > 0) {
            int progress = EventGenerator.progressFor(generateEvents, items);
            System.out.printf(Locale.ROOT, "Generating about %,d events (%,d items) through the EventStore API, "
                    + "in this JVM (the application as a command-only node)…%n", generateEvents, items);
            generated = new EventGenerator(EventGenerator.appArguments(dir.resolve("data"),
                    postgres == null ? null : postgres.url("ledger"), PostgresServer.USER, PostgresServer.PASSWORD,
                    AppProcess.accountArguments())).fill(items, progress);
            System.out.println("  " + generated.describe());
        }
        AppLayout layout = layout(dir.resolve("app"));
        System.out.println("Starting " + layout.describe() + " on " + database + " (data in " + dir + ")…");
        String heap = options.getOrDefault("app-heap", "512m");
        AppProcess app = AppProcess.start(layout, dir.resolve("data"), heap,
                postgres == null ? null : postgres.url("ledger"), PostgresServer.USER, PostgresServer.PASSWORD,
                results.resolve("app-" + database + "-" + stamp() + ".log"), appArguments(dir.resolve("data")));
        toClose.add(0, app); // stopped before the database and the directory go
        Duration startUp = app.awaitReady(Duration.ofMinutes(3));
        Auth auth = Auth.detect(app.port(), AppProcess.passwords(), "supervisor");
        registerUnits(new Http(app.port(), auth));
        String header = String.format(Locale.ROOT, "%s · %s · %d clients · app -Xmx%s · %s%n"
                        + "  start-up to ready: %d ms (target <= 8000), %s%n"
                        + "  authentication: %s%n"
                        + "  extra application arguments: %s%n"
                        + "  machine: %d cores seen by the JVM, %s %s (shared with other builds unless stated)%s%n",
                database.equals("h2") ? "H2 file (embedded default)" : "PostgreSQL (embedded, started by the harness)",
                DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                clients, heap, "pid " + app.pid(), startUp.toMillis(), layout.describe(), auth.describe(),
                options.getOrDefault("app-args", "none"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), postgres == null ? "" : System.lineSeparator() + "  postgres: "
                        + postgres.settings());
        System.out.print(header);
        return new Setup(dir, postgres, layout, app, startUp, auth, header, generated);
    }

    /**
     * {@code --app-layout=cds} (default): the jar extracted into {@code directory} with a class data sharing archive,
     * as the Docker image runs it; {@code jar}: the fat jar as built, as the README's run command starts it.
     */
    private AppLayout layout(Path directory) throws IOException, InterruptedException {
        String layout = options.getOrDefault("app-layout", "cds");
        return switch (layout) {
            case "jar" -> AppLayout.fatJar(jar);
            case "cds" -> {
                System.out.println("Extracting " + jar.getFileName() + " and recording its CDS archive "
                        + "(docker/cds-archive.sh: one training start)…");
                yield AppLayout.extractedWithArchive(Path.of("docker", "cds-archive.sh").toAbsolutePath(), jar,
                        directory);
            }
            default -> throw new IllegalArgumentException("--app-layout must be cds or jar, not " + layout);
        };
    }

    private String bench(String database) throws Exception {
        Size size = Size.of(options.getOrDefault("size", "small"));
        long rebuildEvents = Long.parseLong(options.getOrDefault("rebuild-events", "" + size.rebuildEvents()));
        long items = Long.parseLong(options.getOrDefault("ledger-items", "" + rebuildEvents / 10));
        Setup setup = setUp(database, rebuildEvents > 0 || items > 0 ? Math.max(rebuildEvents, 1) : 0, items);
        Workloads workloads = new Workloads(setup.app().port(), setup.auth());
        String runId = "b" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        ResultTable table = new ResultTable();
        List<Latency.Row> rebuildRows = new ArrayList<>();
        EventGenerator.Generated generated = setup.generated();
        if (generated != null) {
            table.note(String.format(Locale.ROOT, "store generated through EventStore.publish: %s",
                    generated.describe()));
            rebuildRows.add(rebuild(setup, generated, table));
        }

        System.out.println("Warm-up: lifecycles for " + size.warmUp().toSeconds() + " s…");
        workloads.commandLoad(runId + "w", clients, size.warmUp(), new Latency("warm-up"), null, null);

        System.out.println("Command load: " + clients + " clients, complete lifecycles for "
                + size.commands().toSeconds() + " s, with a freshness probe…");
        Latency commands = new Latency("command load (lifecycle steps)");
        Latency lifecycles = new Latency("  complete lifecycles (12 cmds)");
        Latency freshness = new Latency("freshness (2xx to ledger row)");
        List<String> closed = workloads.commandLoad(runId, clients, size.commands(), commands, lifecycles,
                freshness);
        table.add(commands.row());
        table.add(lifecycles.row());
        table.add(freshness.row());
        rebuildRows.forEach(table::add);

        long ledgerRows = workloads.ledgerSize();
        table.note(ledgerItemsNote(ledgerRows, generated));
        System.out.println("Reads: ledger pages for " + size.pages().toSeconds() + " s, " + size.exports()
                + " XLSX exports over " + ledgerRows + " rows…");
        table.add(workloads.ledgerPages(clients, size.pages()).row());
        Duration besideWriter = size.pages().dividedBy(2);
        System.out.println("Reads: ledger pages for " + besideWriter.toSeconds() + " s more, one client writing beside "
                + "them…");
        Latency writes = new Latency("  the writer's commands");
        table.add(workloads.ledgerPagesBesideWriter(runId, clients, besideWriter, writes).row());
        table.add(writes.row());
        Workloads.ExportResult export = workloads.exports(size.exports());
        table.add(export.latency().row());
        table.note(String.format(Locale.ROOT, "XLSX export: %d rows, %.1f KB, peak heap growth during it %.1f MB "
                        + "(jvm.memory.used area=heap sampled every 50 ms, minus the sample before; garbage included)",
                ledgerRows, export.bytes() / 1024.0, export.peakHeapGrowthBytes() / (1024 * 1024)));
        table.note("XLSX export: each one's seconds, in order: " + export.seconds().stream()
                .map(took -> String.format(Locale.ROOT, "%.2f", took)).collect(Collectors.joining(", ")));
        Workloads.LiveHeap live = workloads.liveHeapGrowth(setup.app(), Duration.ofMillis(250));
        table.note(Double.isNaN(live.growthBytes())
                ? "XLSX export: live heap growth not measured (no count of jcmd GC.class_histogram fell inside one "
                + "more export: it was over too soon, failed, or jcmd is missing)"
                : String.format(Locale.ROOT, "XLSX export: live heap growth %.1f MB, target <= 64 (one more export, "
                        + "not timed: reachable bytes by jcmd GC.class_histogram %d times during it, 250 ms apart, "
                        + "highest minus the %.1f MB just before)", live.growthBytes() / (1024 * 1024),
                live.readings(), live.beforeBytes() / (1024 * 1024)));

        int[] row = eventRowSize(setup);
        System.out.println("Physical limit: plain JDBC appends, " + clients + " writers, " + row[0] + "+" + row[1]
                + " bytes per row, for " + size.appends().toSeconds() + " s…");
        JdbcAppends appends = setup.postgres() == null
                // the application's own H2 settings (application.yml), so that the limit is that of the same database
                ? new JdbcAppends("jdbc:h2:file:" + setup.dir().resolve("append")
                + ";DB_CLOSE_ON_EXIT=FALSE;MAX_LENGTH_INPLACE_LOB=32768;LOB_TIMEOUT=10000", "sa",
                "", false)
                : new JdbcAppends(setup.postgres().url("bench"), PostgresServer.USER, PostgresServer.PASSWORD, true);
        appends.createTable();
        Latency limit = appends.run(clients, size.appends(), row[0], row[1]);
        table.add(limit.row());
        table.limit(limit.name());
        table.note("plain append rows: payload " + row[0] + " B + meta data " + row[1] + " B ("
                + (row[2] == 1 ? "average of this run's event rows" : "assumed; not readable beside the app on H2")
                + "), one row per transaction, " + clients + " writers"
                + (setup.postgres() == null ? ", separate H2 file in the same directory" : ", same server"));
        table.note("closed items this run: " + closed.size() + "; errors printed above (first 10) and counted");
        longStream(database, setup, size, runId, table); // workload 5; restarts the application, so it runs last
        return "Benchmark (" + size.name() + ") " + setup.header() + System.lineSeparator() + table.render();
    }

    /**
     * Workload 3, the rebuild, over the store the generator filled. By default {@code POST
     * /api/admin/projections/all/rebuild} is sent as soon as the application is ready: its projections have only begun
     * their first pass over the store, and waiting for it to end would build the same projections once more before
     * rebuilding them (on the full store ten minutes of a run that should take fifteen). The integrity chain, which
     * {@code all} does not reset, makes its first pass beside the rebuild; the command load waits for it too.
     * {@code --await-first-start} waits for the first pass first, as the runs up to 21:36 UTC on 2026-11-27 did.
     */
    private Latency.Row rebuild(Setup setup, EventGenerator.Generated generated, ResultTable table)
            throws InterruptedException {
        Rebuild rebuild = new Rebuild(new Http(setup.app().port(), setup.auth()), generated.head());
        boolean awaitFirstStart = options.containsKey("await-first-start");
        if (awaitFirstStart) {
            Duration catchUp = rebuild.awaitCaughtUp(Duration.ofHours(2));
            table.note(String.format(Locale.ROOT, "first start over it: projections at the head %.1f s after ready "
                    + "(%.1f s after the process started)", catchUp.toMillis() / 1000.0,
                    (catchUp.toMillis() + setup.startUp().toMillis()) / 1000.0));
        }
        System.out.printf(Locale.ROOT, "Rebuild: every projection (all) over %,d events…%n", generated.events());
        Rebuild.Took took = rebuild.rebuildAll(Duration.ofHours(2));
        double millis = took.rebuilt().toNanos() / 1e6;
        table.note(String.format(Locale.ROOT, "rebuild: POST /api/admin/projections/all/rebuild %s over %,d events "
                        + "until every rebuilt projection's position reached the head (%d): %.1f s; target >= 25,000 "
                        + "events/s on H2; p50/p99/max are the one rebuild's duration%s", awaitFirstStart
                        ? "after the first start's pass" : "as soon as the application was ready (the first start's "
                        + "pass not awaited)", generated.events(), generated.head(), millis / 1000,
                awaitFirstStart ? "" : String.format(Locale.ROOT, "; every processor, the integrity chain's first "
                        + "pass beside it included, at the head %.1f s after the request",
                        took.everyProcessor().toNanos() / 1e9)));
        table.note("rebuild: each processor first seen at the head (polled every 100 ms), in that order: "
                + took.describeEach());
        return new Latency.Row("rebuild all projections (events)", generated.events(),
                generated.events() * 1000.0 / millis, millis, millis, millis, 0);
    }

    /**
     * Workload 5 ({@link LongStream}): command latency on an item with {@code --long-stream-events} events against a
     * fresh item, with snapshots on (this application) and off (the same data, restarted with threshold 0).
     */
    private void longStream(String database, Setup setup, Size size, String runId, ResultTable table)
            throws Exception {
        int events = Integer.parseInt(options.getOrDefault("long-stream-events", "" + size.longStreamEvents()));
        int commands = Integer.parseInt(options.getOrDefault("long-stream-commands",
                "" + size.longStreamCommands()));
        Path data = setup.dir().resolve("data");
        String postgresUrl = setup.postgres() == null ? null : setup.postgres().url("ledger");
        LongStream.Database store = postgresUrl == null
                ? new LongStream.Database("jdbc:h2:file:" + data.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE", "sa",
                "")
                : new LongStream.Database(postgresUrl, PostgresServer.USER, PostgresServer.PASSWORD);
        LongStream.Application application = new LongStream.Application() {
            @Override
            public void stop() {
                setup.app().close();
            }

            @Override
            public LongStream.Endpoint start(String... properties) throws Exception {
                List<String> arguments = new ArrayList<>(appArguments(data));
                arguments.addAll(List.of(properties));
                AppProcess app = AppProcess.start(setup.layout(), data, options.getOrDefault("app-heap", "512m"),
                        postgresUrl, PostgresServer.USER, PostgresServer.PASSWORD,
                        results.resolve("app-" + database + "-" + stamp() + "-restarted.log"), arguments);
                toClose.add(0, app);
                app.awaitReady(Duration.ofMinutes(3));
                return new LongStream.Endpoint(app.port(),
                        Auth.detect(app.port(), AppProcess.passwords(), "supervisor"));
            }
        };
        new LongStream(events, commands, clients, runId).run(table,
                new LongStream.Endpoint(setup.app().port(), setup.auth()), store, application);
    }

    private String soak(String database) throws Exception {
        Duration duration = parseDuration(options.getOrDefault("duration", "30m"));
        Duration interval = options.containsKey("sample-interval")
                ? parseDuration(options.get("sample-interval"))
                : Duration.ofSeconds(Math.min(60, Math.max(5, duration.toSeconds() / 15)));
        Setup setup = setUp(database);
        Workloads workloads = new Workloads(setup.app().port(), setup.auth());
        String runId = "s" + Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
        System.out.println("Warm-up: lifecycles for 20 s…");
        workloads.commandLoad(runId + "w", clients, Duration.ofSeconds(20), new Latency("warm-up"), null, null);
        Path csv = results.resolve("soak-" + database + "-" + stamp() + ".csv");
        System.out.println("Soak: mixed load for " + duration + ", sampling every " + interval.toSeconds()
                + " s into " + csv);
        Soak soak = new Soak(setup.app(), setup.auth(), setup.postgres() == null ? null
                : setup.postgres().url("ledger"), csv);
        String report = soak.run(runId, clients, duration, interval);
        return "Soak (" + duration + ") " + setup.header() + System.lineSeparator() + report;
    }

    /**
     * Payload and meta-data size of the application's event rows: on PostgreSQL the average over this run's rows,
     * read beside the application; on H2 the application holds the file, so the defaults (taken from a PostgreSQL
     * run: the same JSON) are used. Third element 1 when measured.
     */
    private int[] eventRowSize(Setup setup) {
        if (setup.postgres() != null) {
            try (Connection connection = DriverManager.getConnection(setup.postgres().url("ledger"),
                    PostgresServer.USER, PostgresServer.PASSWORD);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select avg(octet_length(payload)), "
                         + "avg(octet_length(meta_data)) from domain_event_entry")) {
                rows.next();
                return new int[] {(int) Math.round(rows.getDouble(1)), (int) Math.round(rows.getDouble(2)), 1};
            } catch (Exception e) {
                System.err.println("could not read the event row size: " + e);
            }
        }
        return new int[] {Integer.parseInt(options.getOrDefault("payload-bytes", "" + DEFAULT_PAYLOAD_BYTES)),
                Integer.parseInt(options.getOrDefault("meta-data-bytes", "" + DEFAULT_META_DATA_BYTES)), 0};
    }

    /**
     * {@code --app-args="--a=1 --b=2"}: more arguments for the measured process (experiments, never the default;
     * the table header shows them). {@code {data}} stands for its data directory.
     */
    private List<String> appArguments(Path dataDir) {
        String extra = options.getOrDefault("app-args", "").trim();
        return extra.isEmpty() ? List.of()
                : List.of(extra.replace("{data}", dataDir.toString()).split("\\s+"));
    }

    /** How many rows the reads ran over, and how many of them the generator made. */
    private static String ledgerItemsNote(long rows, EventGenerator.Generated generated) {
        if (generated == null) {
            return "reads ran over the " + rows + " rectification rows the command load built (nothing generated: "
                    + "--rebuild-events=0 --ledger-items=0)";
        }
        return String.format(Locale.ROOT, "reads ran over %,d rectification rows: %,d generated items (%,d closed) "
                + "+ %,d the command load built", rows, generated.items(), generated.closedItems(),
                rows - generated.items());
    }

    private static void registerUnits(Http http) {
        List<Map<String, Object>> units = List.of(
                Map.of("id", "jgw", "name", "某街道党工委", "kind", "WORKING_COMMITTEE"),
                Map.of("id", "sqdw", "name", "某社区党委", "kind", "COMMUNITY_COMMITTEE", "parentId", "jgw"),
                Map.of("id", "branch-1", "name", "第一党支部", "kind", "BRANCH", "parentId", "sqdw"));
        for (Map<String, Object> unit : units) {
            Http.Answer answer = http.post("admin", "/api/units", unit);
            if (answer.status() != 201 && answer.status() != 409) {
                throw new IllegalStateException("registering unit " + unit.get("id") + " answered "
                        + answer.status() + ": " + answer.raw());
            }
        }
    }

    private synchronized void closeAll() {
        for (AutoCloseable closeable : toClose) {
            try {
                closeable.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        toClose.clear();
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + arg + "\n" + usage());
            }
            int equals = arg.indexOf('=');
            options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                    equals < 0 ? "true" : arg.substring(equals + 1));
        }
        return options;
    }

    /** 30m, 2m, 90s, 1h. */
    static Duration parseDuration(String text) {
        String number = text.substring(0, text.length() - 1);
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(Long.parseLong(number));
            case 'm' -> Duration.ofMinutes(Long.parseLong(number));
            case 'h' -> Duration.ofHours(Long.parseLong(number));
            default -> throw new IllegalArgumentException("durations look like 90s, 30m or 1h, not " + text);
        };
    }

    private static String defaultResults() {
        // next to the jar: benchmark/target/ when run as java -jar benchmark/target/ledger-benchmark.jar
        // (with java -jar the class path is exactly the jar)
        Path jar = Path.of(System.getProperty("java.class.path", "")).toAbsolutePath();
        Path dir = jar.getParent();
        if (Files.isRegularFile(jar) && dir != null && dir.getFileName() != null
                && dir.getFileName().toString().equals("target")) {
            return dir.resolve("benchmark-results").toString();
        }
        return "target/benchmark-results";
    }

    private static String stamp() {
        return DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(Instant.now());
    }

    static String usage() {
        return """
                java -jar benchmark/target/ledger-benchmark.jar [options]
                  --db=h2|postgres|both      database(s) to run on (default h2)
                  --size=small|full          small: 2.5 minutes per database (10,000 generated events), a check
                                             that everything runs; full: about 20 (1,000,000 events),
                                             both on two cores (default small)
                  --mode=bench|soak          soak: mixed load for --duration, resources sampled (default bench)
                  --duration=30m             soak length (90s, 2m, 30m, 1h)
                  --sample-interval=60s      soak sampling interval (default: duration/15, between 5 s and 60 s)
                  --clients=16               concurrent clients
                  --pg-durability=on|off     PostgreSQL fsync and synchronous_commit (default on, as in production)
                  --long-stream-events=N     workload 5: events on the long item (default 500 small, 5000 full)
                  --long-stream-commands=N   workload 5: measured reports per item kind and setting (50 / 300)
                  --rebuild-events=N         events the generator puts in the store before the app starts, for the
                                             rebuild (default: small 10000, full 1000000; 0 with --ledger-items=0:
                                             no generator, no rebuild row)
                  --await-first-start        let the projections' first pass over the generated store end before
                                             the rebuild is requested (default: request it at once; see README)
                  --ledger-items=N           rectification items among them, for the reads (default rebuild-events/10)
                  --app-jar=app/target/ledger-app.jar   the application to measure
                  --app-layout=cds|jar       cds: extracted with a class data sharing archive, as the Docker image
                                             runs it (default); jar: the fat jar, as the README's run command
                  --app-args="--x=1 --y=2"   more arguments for the measured process ({data} = its data dir)
                  --app-heap=512m            the application's -Xmx
                  --keep-data                leave the run's data directory (H2 files) in place, for experiments
                  --results=DIR              where reports, soak CSVs and the application's log go
                                             (default benchmark/target/benchmark-results)
                """;
    }
}
