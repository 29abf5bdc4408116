package org.ledger.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit, measured in the same run: plain JDBC appends into a table shaped like Axon's
 * {@code domain_event_entry} (same columns, same unique keys, the global index from a sequence), rows of the size
 * of the application's event rows, {@code clients} writers, one row per transaction (autocommit). What the
 * application achieves is printed as a ratio to this: the cost of everything the product adds on top of the bare
 * append (HTTP, authentication, Axon, projections, read-your-writes).
 */
final class JdbcAppends {

    private final String url;
    private final String user;
    private final String password;
    private final boolean postgres;

    JdbcAppends(String url, String user, String password, boolean postgres) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.postgres = postgres;
    }

    void createTable() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement()) {
            String binary = postgres ? "bytea" : "blob";
            statement.execute("create sequence bench_event_seq");
            statement.execute("create table bench_event_entry (global_index bigint not null primary key, "
                    + "sequence_number bigint not null, aggregate_identifier varchar(255) not null, "
                    + "event_identifier varchar(255) not null, payload_revision varchar(255), "
                    + "payload_type varchar(255) not null, time_stamp varchar(255) not null, type varchar(255), "
                    + "meta_data " + binary + ", payload " + binary + " not null, "
                    + "constraint uk_bench_aggregate unique (aggregate_identifier, sequence_number), "
                    + "constraint uk_bench_event unique (event_identifier))");
        }
    }

    /** Runs {@code clients} writers for {@code duration}, each appending to its own aggregate stream. */
    Latency run(int clients, Duration duration, int payloadBytes, int metaDataBytes) throws Exception {
        Latency latency = new Latency("plain JDBC append (limit)");
        byte[] payload = filler(payloadBytes);
        byte[] metaData = filler(metaDataBytes);
        String next = postgres ? "nextval('bench_event_seq')" : "next value for bench_event_seq";
        String insert = "insert into bench_event_entry (global_index, sequence_number, aggregate_identifier, "
                + "event_identifier, payload_revision, payload_type, time_stamp, type, meta_data, payload) values ("
                + next + ", ?, ?, ?, '1', 'org.ledger.kernel.rectification.RectificationEvents$ProgressReported', "
                + "?, 'RectificationItem', ?, ?)";
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        latency.start();
        for (int c = 0; c < clients; c++) {
            String aggregate = "bench-" + UUID.randomUUID();
            threads.add(start("append-" + c, () -> {
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement statement = connection.prepareStatement(insert)) {
                    connection.setAutoCommit(true);
                    for (long sequence = 0; System.nanoTime() < end; sequence++) {
                        long start = System.nanoTime();
                        statement.setLong(1, sequence);
                        statement.setString(2, aggregate);
                        statement.setString(3, UUID.randomUUID().toString());
                        statement.setString(4, Instant.now().toString());
                        statement.setBytes(5, metaData);
                        statement.setBytes(6, payload);
                        statement.executeUpdate();
                        latency.record(System.nanoTime() - start);
                    }
                } catch (SQLException e) {
                    failures.incrementAndGet();
                    latency.error();
                    System.err.println("append writer failed: " + e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        latency.stop();
        return latency;
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.start();
        return thread;
    }

    /** JSON-looking ASCII of the given size (the event rows hold JSON). */
    private static byte[] filler(int size) {
        byte[] bytes = new byte[Math.max(1, size)];
        Arrays.fill(bytes, (byte) 'x');
        bytes[0] = '{';
        bytes[bytes.length - 1] = '}';
        return bytes;
    }
}
