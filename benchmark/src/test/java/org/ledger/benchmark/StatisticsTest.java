package org.ledger.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The harness's own arithmetic: percentiles, the table, the soak verdicts and what it reads from the app. */
class StatisticsTest {

    @Test
    void percentilesAndThroughputComeFromWhatWasRecorded() throws Exception {
        Latency latency = new Latency("commands").start();
        for (int i = 1; i <= 100; i++) {
            latency.record(TimeUnit.MILLISECONDS.toNanos(i));
        }
        latency.error();
        latency.stop();
        Latency.Row row = latency.row();
        assertThat(row.count()).isEqualTo(100);
        assertThat(row.errors()).isEqualTo(1);
        assertThat(row.p50Millis()).isBetween(49.9, 50.1);
        assertThat(row.p99Millis()).isBetween(98.9, 99.1);
        assertThat(row.maxMillis()).isBetween(99.9, 100.1);
        assertThat(row.perSecond()).isPositive();
    }

    @Test
    void theTablePrintsEachThroughputAsARatioToTheLimitButNotFreshness() {
        ResultTable table = new ResultTable();
        table.add(new Latency.Row("command load", 3000, 500, 10, 40, 80, 0));
        table.add(new Latency.Row("freshness (2xx to ledger row)", 100, 20, 1, 3, 5, 0));
        table.add(new Latency.Row("plain JDBC append (limit)", 60000, 10000, 1, 2, 9, 0));
        table.limit("plain JDBC append (limit)");
        String[] lines = table.render().split("\\R");
        assertThat(lines[2]).contains("command load", "500.0", "10.0", "40.0", "0.050");
        assertThat(lines[3]).contains("freshness").doesNotContain("0.002");
        assertThat(lines[4]).contains("1.000");
    }

    @Test
    void aMetricIsGrowingOnlyWhenItsLastThirdLiesAboveItsFirstThird() {
        List<Double> sawTooth = List.of(100.0, 140.0, 110.0, 135.0, 105.0, 138.0, 102.0, 139.0, 104.0);
        assertThat(Trend.verdict(sawTooth, 0.10, 16)).startsWith("bounded");
        List<Double> leak = List.of(100.0, 110.0, 120.0, 130.0, 140.0, 150.0, 160.0, 170.0, 180.0);
        assertThat(Trend.verdict(leak, 0.10, 16)).startsWith("GROWING");
        // one late spike is not a trend
        List<Double> spike = List.of(60.0, 61.0, 60.0, 61.0, 61.0, 62.0, 61.0, 62.0, 90.0);
        assertThat(Trend.verdict(spike, 0.05, 3)).startsWith("bounded");
        assertThat(Trend.verdict(List.of(1.0, 2.0), 0, 0)).startsWith("too few samples");
    }

    @Test
    void prometheusSamplesAreSummedOverTheMatchingLabels() {
        Actuator.Prometheus meters = new Actuator.Prometheus("""
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.5E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 5000000.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.0E7
                hikaricp_connections{pool="HikariPool-1"} 10.0
                hikaricp_connections_active{pool="HikariPool-1"} 3.0
                ledger_token_gaps{processor="audit-log"} 2.0
                ledger_token_gaps{processor="issue-ledger"} 1.0
                """);
        assertThat(meters.sum("jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(2.0e7);
        assertThat(meters.sum("hikaricp_connections")).isEqualTo(10.0);
        assertThat(meters.sum("hikaricp_connections_active")).isEqualTo(3.0);
        assertThat(meters.sum("ledger_token_gaps")).isEqualTo(3.0);
        assertThat(meters.sum("process_files_open_files")).isNaN();
    }

    @Test
    void gapsAreCountedInStoredTokensAlsoWhenARebuildWrapsThem() {
        assertThat(Soak.TokenGaps.count("{\"index\":42,\"gaps\":[38,40]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(2);
        assertThat(Soak.TokenGaps.count(("{\"tokenAtReset\":{\"index\":90,\"gaps\":[1,2,3]},"
                + "\"currentToken\":{\"index\":10,\"gaps\":[7]}}").getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(Soak.TokenGaps.count("not json".getBytes(StandardCharsets.UTF_8))).isZero();
    }
}
