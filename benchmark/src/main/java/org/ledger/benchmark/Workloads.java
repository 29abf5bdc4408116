package org.ledger.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/** The workloads that talk to the application: command load with freshness, reads, export. */
final class Workloads {

    private final int port;
    private final Auth auth;

    Workloads(int port, Auth auth) {
        this.port = port;
        this.auth = auth;
    }

    /** Runs {@code body(clientIndex)} repeatedly on {@code clients} threads until {@code duration} has passed. */
    static void runFor(int clients, Duration duration, String name, IntConsumer body) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    body.accept(client);
                }
            }, name + "-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /**
     * Command load: {@code clients} clients each driving complete lifecycles for {@code duration}. With
     * {@code freshness} non-null, one more client (not counted in the command load) runs lifecycles too and, after
     * every item command's 2xx, reads the item's ledger row through a separate connection until it shows the
     * answered version: the time from the answer to the first read that shows it.
     */
    List<String> commandLoad(String runId, int clients, Duration duration, Latency commands, Latency lifecycles,
                             Latency freshness) throws InterruptedException {
        List<String> closed = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        Thread probe = null;
        if (freshness != null) {
            probe = new Thread(() -> freshnessProbe(runId, freshness, stop), "freshness-probe");
            probe.start();
        }
        Map<Integer, Lifecycle> perClient = new ConcurrentHashMap<>();
        commands.start();
        if (lifecycles != null) {
            lifecycles.start();
        }
        runFor(clients, duration, "lifecycle", client -> {
            Lifecycle lifecycle = perClient.computeIfAbsent(client,
                    c -> new Lifecycle(new Http(port, auth), runId + "c" + c, commands, null));
            long start = System.nanoTime();
            String item = lifecycle.run();
            if (item != null) {
                closed.add(item);
                if (lifecycles != null) {
                    lifecycles.record(System.nanoTime() - start);
                }
            } else if (lifecycles != null) {
                lifecycles.error();
            }
        });
        commands.stop();
        if (lifecycles != null) {
            lifecycles.stop();
        }
        stop.set(true);
        if (probe != null) {
            probe.join();
            freshness.stop();
        }
        return closed;
    }

    private void freshnessProbe(String runId, Latency freshness, AtomicBoolean stop) {
        Http reader = new Http(port, auth); // its own HttpClient: another connection than the writer's
        freshness.start();
        Lifecycle lifecycle = new Lifecycle(new Http(port, auth), runId + "probe", null, (item, version, answered) -> {
            long deadline = answered + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                Http.Answer row;
                try {
                    row = reader.get("supervisor", "/api/ledgers/rectifications/" + item);
                } catch (RuntimeException noAnswer) {
                    break;
                }
                if (row.status() == 200 && row.version() >= version) {
                    freshness.record(System.nanoTime() - answered);
                    return;
                }
            }
            freshness.error();
            Errors.report("freshness: " + item + " v" + version + " not visible within 10 s");
        });
        while (!stop.get()) {
            lifecycle.run();
        }
    }

    /**
     * Filtered, paged ledger queries for {@code duration} on {@code clients} clients: a random page of one of a few
     * filter combinations of the rectification and the issue ledger, as a supervisor reading them would.
     */
    Latency ledgerPages(int clients, Duration duration) throws InterruptedException {
        return ledgerPages(new Latency("ledger page (filtered, 20 rows)"), clients, duration);
    }

    /**
     * {@link #ledgerPages} while one more client drives lifecycles beside the readers, its commands timed into
     * {@code writes} and not counted as pages: the ledgers change several times a second, so a page's
     * remembered ids are out of date almost every time and read again (the application's RememberedIds): the pages
     * of a ledger being written to, against those of a ledger at rest.
     */
    Latency ledgerPagesBesideWriter(String runId, int clients, Duration duration, Latency writes)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            Lifecycle lifecycle = new Lifecycle(new Http(port, auth), runId + "w", writes, null);
            while (!stop.get()) {
                lifecycle.run();
            }
        }, "pages-writer");
        writes.start();
        writer.start();
        try {
            return ledgerPages(new Latency("ledger page, 1 writer beside"), clients, duration);
        } finally {
            stop.set(true);
            writer.join();
            writes.stop();
        }
    }

    private Latency ledgerPages(Latency pages, int clients, Duration duration) throws InterruptedException {
        List<String> queries = List.of(
                "/api/ledgers/rectifications?status=CLOSED&size=20&sort=effectiveDeadline,asc",
                "/api/ledgers/rectifications?status=IN_PROGRESS&unitId=branch-1&size=20",
                "/api/ledgers/rectifications?q=%E5%BE%AE%E4%BF%A1&size=20&sort=updatedAt,desc",
                "/api/ledgers/issues?status=RESOLVED&size=20",
                "/api/ledgers/issues?size=20&sort=id,desc");
        Map<Integer, Http> perClient = new ConcurrentHashMap<>();
        pages.start();
        runFor(clients, duration, "pages", client -> {
            Http http = perClient.computeIfAbsent(client, c -> new Http(port, auth));
            String query = queries.get(ThreadLocalRandom.current().nextInt(queries.size()))
                    + "&page=" + ThreadLocalRandom.current().nextInt(5);
            timed(pages, () -> http.get("supervisor", query));
        });
        pages.stop();
        return pages;
    }

    /** One history read of a rectification item (audit trail), timed into {@code history}. */
    void history(Http http, Latency history, String itemId) {
        timed(history, () -> http.get("auditor", "/api/rectifications/" + itemId + "/history"));
    }

    /** One ledger page as a supervisor, timed into {@code pages}. */
    void page(Http http, Latency pages) {
        int page = ThreadLocalRandom.current().nextInt(5);
        timed(pages, () -> http.get("supervisor", "/api/ledgers/rectifications?size=20&page=" + page
                + "&sort=updatedAt,desc"));
    }

    /** Result of exports: the latency, each export's seconds in order, and the peak heap growth seen during them. */
    record ExportResult(Latency latency, List<Double> seconds, double peakHeapGrowthBytes, long bytes) {
    }

    /**
     * {@code times} sequential XLSX exports of the whole rectification ledger, while a sampler reads the
     * application's heap (jvm.memory.used, area heap) every 50 ms through its own connection: the peak growth is
     * the highest sample during an export minus the sample just before it.
     */
    ExportResult exports(int times) throws InterruptedException {
        Latency latency = new Latency("XLSX export (whole ledger)");
        Http http = new Http(port, auth);
        Actuator actuator = new Actuator(port, auth);
        double peakGrowth = 0;
        long bytes = 0;
        List<Double> seconds = new ArrayList<>();
        latency.start();
        for (int i = 0; i < times; i++) {
            double before = actuator.heapUsedBytes();
            HeapSampler sampler = new HeapSampler(actuator);
            sampler.start();
            long start = System.nanoTime();
            Http.Answer answer;
            try {
                answer = http.download("supervisor", "/api/ledgers/rectifications/export?format=xlsx");
            } catch (RuntimeException noAnswer) {
                answer = new Http.Answer(0, "0");
            }
            long took = System.nanoTime() - start;
            double peak = sampler.finish();
            if (answer.ok()) {
                latency.record(took);
                seconds.add(took / 1e9);
                bytes = Long.parseLong(answer.raw());
                if (!Double.isNaN(before) && !Double.isNaN(peak)) {
                    peakGrowth = Math.max(peakGrowth, peak - before);
                }
            } else {
                latency.error();
                Errors.report("export answered " + answer.status());
            }
        }
        latency.stop();
        return new ExportResult(latency, seconds, peakGrowth, bytes);
    }

    /** The live heap an export held: the highest count of reachable bytes during it, minus the count before. */
    record LiveHeap(double growthBytes, double beforeBytes, int readings) {
    }

    /**
     * The heap one more export of the whole rectification ledger holds: the harness counts the reachable bytes of
     * the application's heap ({@link AppProcess#liveHeapBytes()}, a full GC and a class histogram in one pause) just
     * before it and then again and again while it runs ({@code pause} between); the growth is the highest count
     * during the export minus the one before. Unlike the sampled peak of {@link #exports}, this leaves out garbage,
     * which G1 collects when it chooses to (with {@code -Xmx512m} its young generation takes hundreds of MB before a
     * collection), and counts what the export keeps reachable: rows of the current chunk, buffers, the list of ids.
     * A count whose export had ended by then is dropped. The pauses slow this export down, so it is not timed. NaN
     * when jcmd is not available, the export failed or ended before a first count.
     */
    LiveHeap liveHeapGrowth(AppProcess app, Duration pause) throws InterruptedException {
        double before = app.liveHeapBytes();
        if (Double.isNaN(before)) {
            return new LiveHeap(Double.NaN, Double.NaN, 0);
        }
        java.util.concurrent.CompletableFuture<Http.Answer> export = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> new Http(port, auth).download("supervisor",
                        "/api/ledgers/rectifications/export?format=xlsx"));
        double peak = Double.NEGATIVE_INFINITY;
        int readings = 0;
        while (!export.isDone()) {
            double live = app.liveHeapBytes();
            if (export.isDone() || Double.isNaN(live)) {
                break;
            }
            peak = Math.max(peak, live);
            readings++;
            Thread.sleep(pause.toMillis());
        }
        Http.Answer answer = export.exceptionally(failed -> new Http.Answer(0, "0")).join();
        if (!answer.ok()) {
            Errors.report("export (live heap) answered " + answer.status());
            return new LiveHeap(Double.NaN, before, readings);
        }
        return new LiveHeap(readings == 0 ? Double.NaN : peak - before, before, readings);
    }

    /** Samples the heap every 50 ms until {@link #finish()}; answers the highest sample. */
    static final class HeapSampler extends Thread {

        private final Actuator actuator;
        private volatile boolean done;
        private double peak = Double.NaN;

        HeapSampler(Actuator actuator) {
            super("heap-sampler");
            this.actuator = actuator;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!done) {
                double heap = actuator.heapUsedBytes();
                if (!Double.isNaN(heap) && (Double.isNaN(peak) || heap > peak)) {
                    peak = heap;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        double finish() throws InterruptedException {
            done = true;
            join();
            return peak;
        }
    }

    /** Counts the rows of the rectification ledger (totalElements of a one-row page), -1 when unknown. */
    long ledgerSize() {
        Http.Answer answer = new Http(port, auth).get("supervisor", "/api/ledgers/rectifications?size=1");
        JsonNode json = answer.status() == 200 ? answer.json() : null;
        if (json == null) {
            return -1;
        }
        for (String field : List.of("totalElements", "total")) {
            if (json.has(field)) {
                return json.get(field).asLong();
            }
        }
        return json.path("page").path("totalElements").asLong(-1);
    }

    static void timed(Latency latency, java.util.function.Supplier<Http.Answer> request) {
        long start = System.nanoTime();
        try {
            Http.Answer answer = request.get();
            if (answer.ok()) {
                latency.record(System.nanoTime() - start);
            } else {
                latency.error();
                Errors.report(latency.name() + " answered " + answer.status() + ": " + answer.raw());
            }
        } catch (RuntimeException noAnswer) {
            latency.error();
            Errors.report(latency.name() + " without answer: " + noAnswer);
        }
    }
}
