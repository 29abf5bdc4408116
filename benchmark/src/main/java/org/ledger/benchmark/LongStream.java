package org.ledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workload 5 of issue 9, "a long stream": the latency of a command on a rectification item with thousands of events
 * against the same command on a fresh item, with snapshots on (the application's default threshold) and off
 * ({@code --ledger.snapshots.threshold=0}). The target: with snapshots, the long stream within 2x of a fresh item.
 *
 * <p>How: one item is opened and given {@code events} events by progress reports from {@code clients} concurrent
 * clients (not measured; built with snapshots on, since without them every command reads the whole stream and the
 * build costs O(n²)). Then {@code commands} progress reports are sent one after the other, alternating between the
 * long item and a fresh item (a new one every {@value #FRESH_ITEM_REPORTS} reports, so it stays at a few events),
 * so both see the same machine load. Then the application is stopped, its snapshots are deleted (always safe: they
 * are a cache of the events, README "Snapshots") and it is started again on the same data with threshold 0, and the
 * same measurement runs again: every command on the long item now reads all its events. Each setting begins with a
 * warm-up of the same alternation (not counted): the restarted JVM is cold.
 */
final class LongStream {

    /** Reports on one fresh item before the next is opened: it stays at 2 + this many events. */
    static final int FRESH_ITEM_REPORTS = 10;

    /** Where a setting's application answers. */
    record Endpoint(int port, Auth auth) {
    }

    /** The application under test: stopped, then started again on the same data with other properties. */
    interface Application {
        void stop();

        Endpoint start(String... properties) throws Exception;
    }

    /** The database the application uses, for deleting its snapshots while it is stopped. */
    record Database(String url, String user, String password) {
    }

    private final int events;
    private final int commands;
    private final int clients;
    private final String runId;

    LongStream(int events, int commands, int clients, String runId) {
        this.events = events;
        this.commands = commands;
        this.clients = clients;
        this.runId = runId;
    }

    /** Builds the long item on {@code on} (snapshots on), measures, restarts without snapshots, measures again. */
    void run(ResultTable table, Endpoint on, Database database, Application application) throws Exception {
        String name = "long stream (" + events + " events)";
        Lifecycle opener = new Lifecycle(new Http(on.port(), on.auth()), runId + "ls", null, null);
        String item = opener.itemInProgress();
        if (item == null) {
            table.note(name + ": could not open an item (errors printed above); not measured");
            return;
        }
        System.out.println("Long stream: building " + item + " to " + events + " events with " + clients
                + " clients…");
        Latency build = build(on, item);
        Latency.Row built = build.row();
        table.note(String.format(Locale.ROOT, "%s: built by %d progress reports from %d clients in %.1f s "
                        + "(%.0f/s, p50 %.1f ms, %d errors; not in the table)", name, built.count(), clients,
                built.count() / Math.max(built.perSecond(), 1e-9), built.perSecond(), built.p50Millis(),
                built.errors()));

        System.out.println("Long stream: " + commands + " reports each on the long and on fresh items, snapshots on…");
        Latency[] withSnapshots = measure(on, item, name + ", snapshots on");

        System.out.println("Long stream: restarting the application without snapshots (threshold 0)…");
        application.stop();
        long longEvents = deleteSnapshots(database, item);
        Endpoint off = application.start("--ledger.snapshots.threshold=0");
        System.out.println("Long stream: " + commands + " reports each on the long and on fresh items, snapshots off…");
        Latency[] withoutSnapshots = measure(off, item, name + ", snapshots off");

        for (Latency latency : List.of(withSnapshots[0], withSnapshots[1], withoutSnapshots[0],
                withoutSnapshots[1])) {
            table.add(latency.row());
            table.withoutRatio(latency.name());
        }
        table.note(ratio("snapshots on ", withSnapshots) + " (target: long within 2x of fresh)");
        table.note(ratio("snapshots off", withoutSnapshots));
        table.note("long stream: sequential progress reports (one client), alternating long item / fresh item (a new"
                + " one every " + FRESH_ITEM_REPORTS + " reports); 'off' = the same data restarted with"
                + " --ledger.snapshots.threshold=0 after deleting its snapshots; the long item had " + longEvents
                + " events then (its reports of the 'on' run included)");
    }

    /**
     * Deletes every snapshot (the application is stopped) and answers how many events {@code item} has, so the
     * table says what was measured. Deleting snapshots is always safe: they are a cache of the events.
     */
    static long deleteSnapshots(Database database, String item) throws Exception {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(),
                database.password())) {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("delete from snapshot_event_entry");
            }
            try (PreparedStatement count = connection.prepareStatement(
                    "select count(*) from domain_event_entry where aggregate_identifier = ?")) {
                count.setString(1, item);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }
    }

    /** {@code clients} clients send progress reports on {@code item} until it has {@code events} events. */
    private Latency build(Endpoint endpoint, String item) throws InterruptedException {
        Latency build = new Latency("long stream build");
        AtomicInteger remaining = new AtomicInteger(events - 2); // planned + approved are its first two events
        List<Thread> threads = new ArrayList<>();
        build.start();
        for (int c = 0; c < clients; c++) {
            Lifecycle client = new Lifecycle(new Http(endpoint.port(), endpoint.auth()), runId + "lb" + c, null,
                    null);
            Thread thread = new Thread(() -> {
                while (remaining.getAndDecrement() > 0) {
                    Workloads.timed(build, () -> client.progressWithoutEvidence(item, 50));
                }
            }, "long-stream-build-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        build.stop();
        return build;
    }

    /** Warm-up (not counted), then {@code commands} alternating reports: [long, fresh]. */
    private Latency[] measure(Endpoint endpoint, String longItem, String row) {
        String setting = row.substring(row.lastIndexOf(' ') + 1); // on, off
        Lifecycle client = new Lifecycle(new Http(endpoint.port(), endpoint.auth()), runId + "lm" + setting, null,
                null);
        alternate(client, longItem, warmUpPairs(), new Latency("warm-up"), new Latency("warm-up"));
        Latency onLong = new Latency(row);
        Latency onFresh = new Latency("  fresh item, snapshots " + setting);
        alternate(client, longItem, commands, onLong, onFresh);
        return new Latency[] {onLong, onFresh};
    }

    private int warmUpPairs() {
        return Math.max(20, commands / 5);
    }

    private static void alternate(Lifecycle client, String longItem, int pairs, Latency onLong, Latency onFresh) {
        onLong.start();
        onFresh.start();
        String fresh = null;
        for (int i = 0; i < pairs; i++) {
            if (i % FRESH_ITEM_REPORTS == 0 || fresh == null) {
                fresh = client.itemInProgress(); // not measured; a failed step is counted by Errors
                if (fresh == null) {
                    onFresh.error();
                    continue;
                }
            }
            String item = fresh;
            Workloads.timed(onLong, () -> client.progressWithoutEvidence(longItem, 60));
            Workloads.timed(onFresh, () -> client.progressWithoutEvidence(item, 60));
        }
        onLong.stop();
        onFresh.stop();
    }

    private static String ratio(String setting, Latency[] longAndFresh) {
        Latency.Row onLong = longAndFresh[0].row();
        Latency.Row onFresh = longAndFresh[1].row();
        return String.format(Locale.ROOT, "long stream / fresh item, %s: p50 %.2f, p99 %.2f", setting,
                onLong.p50Millis() / onFresh.p50Millis(), onLong.p99Millis() / onFresh.p99Millis());
    }
}
