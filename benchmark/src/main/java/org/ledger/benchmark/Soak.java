package org.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Soak mode (issue 8, "Long run"): mixed load for a configurable time, with the application's resources sampled at
 * the start (after warm-up), every interval, and at the end, written to a CSV as they are taken; then start, end and
 * max of each, and a verdict per metric from {@link Trend} (last third against first third).
 *
 * <p>Mixed load on {@code clients} threads: all but two drive lifecycles (commands), one reads ledger pages and item
 * histories, one exports the rectification ledger as XLSX every 30 s.
 *
 * <p>Heap: before each sample the harness asks the application's JVM for a full GC with {@code jcmd <pid> GC.run},
 * so "heap after GC" is the live data, the number that must not grow; the heap used without a GC is sampled every
 * 5 s in between and its max per interval is kept too (it saw the exports).
 */
final class Soak {

    /** One metric: how to name it, how to judge it. */
    private record Metric(String column, String label, double relativeTolerance, double absoluteTolerance) {
    }

    private static final double MB = 1024 * 1024;

    private static final List<Metric> METRICS = List.of(
            new Metric("heap_after_gc_mb", "heap used after GC (MB)", 0.10, 16),
            new Metric("heap_max_mb", "heap used, max over interval (MB)", 0.25, 64),
            new Metric("threads_live", "live threads", 0.05, 3),
            new Metric("files_open", "open file descriptors", 0.05, 5),
            new Metric("db_connections_active", "DB connections active", 0, 3),
            new Metric("db_connections_total", "DB connections total (pool)", 0, 1),
            new Metric("token_gaps_metric", "token-store gaps (ledger.token.gaps)", 0, 10),
            new Metric("token_gaps_jdbc", "token-store gaps (token_entry, JDBC)", 0, 10),
            // The database grows with the events, so its size alone always grows; its size per command answered
            // must not (the H2 file once grew by ~115 KB per command under WRITE_DELAY=0).
            new Metric("store_kb_per_command", "database size per command answered (KB)", 0.25, 2));

    private final AppProcess app;
    private final Auth auth;
    private final Workloads workloads;
    private final String postgresUrl;
    private final Path csv;
    private final List<Map<String, Double>> samples = new ArrayList<>();
    private volatile double heapMaxInInterval = Double.NaN;

    Soak(AppProcess app, Auth auth, String postgresUrl, Path csv) {
        this.app = app;
        this.auth = auth;
        this.workloads = new Workloads(app.port(), auth);
        this.postgresUrl = postgresUrl;
        this.csv = csv;
    }

    /** Runs the mixed load for {@code duration}, sampling every {@code interval}; answers the printed report. */
    String run(String runId, int clients, Duration duration, Duration interval) throws Exception {
        Latency commands = new Latency("soak: commands");
        Latency pages = new Latency("soak: ledger page");
        Latency history = new Latency("soak: item history");
        Latency exports = new Latency("soak: XLSX export");
        Actuator actuator = new Actuator(app.port(), auth);
        List<String> closedItems = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Files.createDirectories(csv.getParent());
        long startNanos = System.nanoTime();
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            out.println("time,elapsed_s,commands,errors," + String.join(",", METRICS.stream().map(Metric::column)
                    .toList()));
            sample(actuator, out, startNanos, commands);

            Thread heapWatcher = daemon("heap-watcher", () -> {
                while (!stop.get()) {
                    double heap = actuator.heapUsedBytes();
                    if (!Double.isNaN(heap) && (Double.isNaN(heapMaxInInterval) || heap > heapMaxInInterval)) {
                        heapMaxInInterval = heap;
                    }
                    sleep(Duration.ofSeconds(5));
                }
            });
            List<Thread> load = new ArrayList<>();
            Map<Integer, Lifecycle> lifecycles = new ConcurrentHashMap<>();
            commands.start();
            pages.start();
            history.start();
            exports.start();
            for (int c = 0; c < Math.max(1, clients - 2); c++) {
                int client = c;
                load.add(daemon("soak-lifecycle-" + c, () -> {
                    Lifecycle lifecycle = lifecycles.computeIfAbsent(client, k ->
                            new Lifecycle(new Http(app.port(), auth), runId + "s" + k, commands, null));
                    while (!stop.get()) {
                        String item = lifecycle.run();
                        if (item != null && closedItems.size() < 10_000) {
                            closedItems.add(item);
                        }
                    }
                }));
            }
            load.add(daemon("soak-reader", () -> {
                Http http = new Http(app.port(), auth);
                while (!stop.get()) {
                    workloads.page(http, pages);
                    String item;
                    synchronized (closedItems) {
                        item = closedItems.isEmpty() ? null
                                : closedItems.get(java.util.concurrent.ThreadLocalRandom.current()
                                .nextInt(closedItems.size()));
                    }
                    if (item != null) {
                        workloads.history(http, history, item);
                    }
                }
            }));
            load.add(daemon("soak-exporter", () -> {
                Http http = new Http(app.port(), auth);
                while (!stop.get()) {
                    long start = System.nanoTime();
                    try {
                        Http.Answer answer = http.download("supervisor",
                                "/api/ledgers/rectifications/export?format=xlsx");
                        if (answer.ok()) {
                            exports.record(System.nanoTime() - start);
                        } else {
                            exports.error();
                        }
                    } catch (RuntimeException noAnswer) {
                        exports.error();
                    }
                    for (int second = 0; second < 30 && !stop.get(); second++) {
                        sleep(Duration.ofSeconds(1));
                    }
                }
            }));

            long end = startNanos + duration.toNanos();
            long next = startNanos + interval.toNanos();
            // samples on a fixed time grid; a sample that took longer than an interval skips grid points
            while (System.nanoTime() < end) {
                sleep(Duration.ofNanos(Math.max(0, Math.min(next, end) - System.nanoTime())));
                if (System.nanoTime() >= next && System.nanoTime() < end) {
                    sample(actuator, out, startNanos, commands);
                    while (next <= System.nanoTime()) {
                        next += interval.toNanos();
                    }
                }
            }
            stop.set(true);
            for (Thread thread : load) {
                thread.join(Duration.ofMinutes(2).toMillis());
            }
            commands.stop();
            pages.stop();
            history.stop();
            exports.stop();
            heapWatcher.join(Duration.ofSeconds(30).toMillis());
            sleep(Duration.ofSeconds(5)); // let the projections finish the last batches before the idle sample
            sample(actuator, out, startNanos, commands); // the end, after the load has stopped
        }
        ResultTable table = new ResultTable();
        for (Latency latency : List.of(commands, pages, history, exports)) {
            table.add(latency.row());
        }
        return table.render() + System.lineSeparator() + resources() + "  samples: " + csv + System.lineSeparator();
    }

    private void sample(Actuator actuator, PrintWriter out, long startNanos, Latency commands) {
        Map<String, Double> sample = new LinkedHashMap<>();
        boolean collected = app.collectGarbage();
        Actuator.Prometheus meters = actuator.scrape();
        double heapNow = meters.sum("jvm_memory_used_bytes", "area=\"heap\"");
        // What the forced GC left: Micrometer's jvm.gc.live.data.size (the old generation right after the last major
        // collection, which GC.run is). The heap used read a moment later also holds what sixteen clients allocated
        // in between, and is only the fallback.
        double liveAfterGc = meters.sum("jvm_gc_live_data_size_bytes");
        sample.put("heap_after_gc_mb", !collected ? Double.NaN
                : (Double.isNaN(liveAfterGc) ? heapNow : liveAfterGc) / MB);
        double windowMax = Double.isNaN(heapMaxInInterval) ? heapNow : Math.max(heapMaxInInterval, heapNow);
        heapMaxInInterval = Double.NaN;
        sample.put("heap_max_mb", windowMax / MB);
        sample.put("threads_live", meters.sum("jvm_threads_live_threads"));
        sample.put("files_open", meters.sum("process_files_open_files"));
        sample.put("db_connections_active", meters.sum("hikaricp_connections_active"));
        sample.put("db_connections_total", meters.sum("hikaricp_connections"));
        sample.put("token_gaps_metric", meters.sum("ledger_token_gaps"));
        sample.put("token_gaps_jdbc", postgresUrl == null ? Double.NaN : jdbcGaps());
        Latency.Row row = commands.row();
        double storeBytes = postgresUrl == null ? h2FileBytes() : jdbcDatabaseBytes();
        sample.put("store_kb_per_command", row.count() == 0 ? Double.NaN : storeBytes / 1024 / row.count());
        samples.add(sample);
        StringBuilder line = new StringBuilder().append(Instant.now()).append(',')
                .append((System.nanoTime() - startNanos) / 1_000_000_000L).append(',')
                .append(row.count()).append(',').append(row.errors());
        for (Metric metric : METRICS) {
            double value = sample.get(metric.column());
            line.append(',').append(Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.1f", value));
        }
        out.println(line);
        out.flush();
        System.out.println("  soak sample " + line);
    }

    /** Size of the embedded default's database file. */
    private double h2FileBytes() {
        try {
            return Files.size(app.dataDir().resolve("ledger.mv.db"));
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    /** Size of the application's PostgreSQL database. */
    private double jdbcDatabaseBytes() {
        try (Connection connection = DriverManager.getConnection(postgresUrl, PostgresServer.USER,
                PostgresServer.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet size = statement.executeQuery("select pg_database_size(current_database())")) {
            size.next();
            return size.getLong(1);
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** Gaps of every processor's tokens as stored in token_entry (PostgreSQL: readable beside the application). */
    private double jdbcGaps() {
        try (Connection connection = DriverManager.getConnection(postgresUrl, PostgresServer.USER,
                PostgresServer.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select token from token_entry where token is not null")) {
            long gaps = 0;
            while (rows.next()) {
                gaps += TokenGaps.count(rows.getBytes(1));
            }
            return gaps;
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    private String resources() {
        StringBuilder out = new StringBuilder();
        String format = "| %-38s | %10s | %10s | %10s | %s%n";
        out.append(String.format(Locale.ROOT, format, "resource", "start", "end", "max", "verdict"));
        out.append(String.format(Locale.ROOT, format, "-".repeat(38), "-".repeat(10), "-".repeat(10),
                "-".repeat(10), "-".repeat(7)));
        for (Metric metric : METRICS) {
            List<Double> values = samples.stream().map(s -> s.get(metric.column())).toList();
            // the trend is judged on the samples taken under load: the first and the last are taken idle (before the
            // load starts, after it stopped), and a heap with no request in flight is not comparable with one that
            // has sixteen; start and end are shown as they are
            List<Double> underLoad = values.size() > 2 ? values.subList(1, values.size() - 1) : values;
            if (values.stream().allMatch(v -> Double.isNaN(v))) {
                out.append(String.format(Locale.ROOT, format, metric.label(), "n/a", "n/a", "n/a",
                        "not available on this run"));
                continue;
            }
            double max = values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max()
                    .orElse(Double.NaN);
            out.append(String.format(Locale.ROOT, format, metric.label(), show(values.get(0)),
                    show(values.get(values.size() - 1)), show(max),
                    Trend.verdict(underLoad, metric.relativeTolerance(), metric.absoluteTolerance())
                            + idleCheck(metric, values)));
        }
        return out.toString();
    }

    /**
     * Connections in use once the load has stopped: a connection leaked by a request stays active after it, so the
     * idle end is compared with the idle start as well.
     */
    private static String idleCheck(Metric metric, List<Double> values) {
        if (!metric.column().equals("db_connections_active") || values.size() < 2) {
            return "";
        }
        double start = values.get(0);
        double end = values.get(values.size() - 1);
        return end > start + metric.absoluteTolerance()
                ? "; idle end " + show(end) + " > idle start " + show(start) + ": LEAK?"
                : "; idle end " + show(end) + " vs idle start " + show(start) + ": released";
    }

    private static String show(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(Math.max(0, duration.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts the gaps in a serialized tracking token (Axon's Jackson form: {"index":n,"gaps":[...]}). */
    static final class TokenGaps {

        private TokenGaps() {
        }

        static long count(byte[] token) {
            try {
                return count(Http.JSON.readTree(token));
            } catch (IOException notJson) {
                return 0;
            }
        }

        /** A GapAwareTrackingToken's gaps; a replay token's current token's; anything else none. */
        static long count(JsonNode token) {
            if (token == null) {
                return 0;
            }
            if (token.has("gaps")) {
                return token.get("gaps").size();
            }
            if (token.has("currentToken")) {
                return count(token.get("currentToken"));
            }
            return 0;
        }
    }
}
