package org.ledger.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The printed result: one row per workload with throughput, p50/p99/max and errors, and the throughput as a ratio
 * to the physical limit (plain JDBC appends on the same database with the same concurrency) when one was measured.
 * Rows that are not throughput-bound (freshness: a delay, not a rate) print no ratio.
 */
final class ResultTable {

    private final List<Latency.Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final java.util.Set<String> withoutRatio = new java.util.HashSet<>();
    private String limitWorkload;

    void add(Latency.Row row) {
        rows.add(row);
    }

    void note(String note) {
        notes.add(note);
    }

    /** A row whose rate is not throughput-bound (one client after the other): no ratio to the limit. */
    void withoutRatio(String workload) {
        withoutRatio.add(workload);
    }

    /** The row whose throughput every other row is compared with. */
    void limit(String workload) {
        this.limitWorkload = workload;
    }

    List<Latency.Row> rows() {
        return rows;
    }

    String render() {
        Double limit = rows.stream().filter(r -> r.workload().equals(limitWorkload)).findFirst()
                .map(Latency.Row::perSecond).orElse(null);
        int width = Math.max(24, rows.stream().mapToInt(r -> r.workload().length()).max().orElse(0));
        StringBuilder out = new StringBuilder();
        String format = "| %-" + width + "s | %9s | %10s | %9s | %9s | %9s | %6s | %9s |%n";
        out.append(String.format(Locale.ROOT, format, "workload", "count", "per second", "p50 ms", "p99 ms",
                "max ms", "errors", "vs limit"));
        out.append(String.format(Locale.ROOT, format, "-".repeat(width), "-".repeat(9), "-".repeat(10),
                "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(6), "-".repeat(9)));
        for (Latency.Row row : rows) {
            String ratio = limit == null || limit <= 0 || row.workload().startsWith("freshness")
                    || withoutRatio.contains(row.workload()) ? "" :
                    String.format(Locale.ROOT, "%.3f", row.perSecond() / limit);
            out.append(String.format(Locale.ROOT, format, row.workload(), row.count(),
                    String.format(Locale.ROOT, "%.1f", row.perSecond()), millis(row.p50Millis()),
                    millis(row.p99Millis()), millis(row.maxMillis()), row.errors(), ratio));
        }
        for (String note : notes) {
            out.append("  ").append(note).append(System.lineSeparator());
        }
        return out.toString();
    }

    private static String millis(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.2f" : "%.1f", value);
    }
}
