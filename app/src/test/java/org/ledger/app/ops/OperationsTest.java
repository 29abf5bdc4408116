package org.ledger.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.PostgresTestDatabase;
import org.ledger.app.TestUnits;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Operations of a running node: the actuator endpoints (health open without details, info, metrics and Prometheus
 * with Axon's metrics for accounts, nothing else), and graceful shutdown (what SIGTERM triggers through Spring's
 * shutdown hook): the processors release their segment claims, so another node takes them over at once instead of
 * after the claim timeout. A real application rather than a test context: test contexts switch metrics export off.
 */
class OperationsTest {

    @TempDir
    Path dataDir;

    @Test
    void actuatorEndpointsAndGracefulShutdown() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0", "--server.address=127.0.0.1", "--ledger.data-dir=" + dataDir,
                "--ledger.security.accounts[0].username=supervisor",
                "--ledger.security.accounts[0].password={noop}supervisor",
                "--ledger.security.accounts[0].roles=SUPERVISOR",
                "--ledger.security.accounts[0].unit=jgw",
                "--ledger.security.accounts[1].username=admin",
                "--ledger.security.accounts[1].password={noop}admin",
                "--ledger.security.accounts[1].roles=ADMIN",
                "--ledger.security.accounts[1].unit=jgw");
        try {
            HttpClientSupport http = new HttpClientSupport(((WebServerApplicationContext) app).getWebServer().getPort());
            TestUnits.ensure(http, "supervisor");

            Answer health = http.get(null, "/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.text("status")).isEqualTo("UP");
            assertThat(health.body().has("components")).isFalse();
            assertThat(health.body().has("details")).isFalse();
            assertThat(http.get(null, "/actuator/info").status()).isEqualTo(401);
            assertThat(http.get(null, "/actuator/prometheus").status()).isEqualTo(401);

            Answer info = http.get("supervisor", "/actuator/info");
            assertThat(info.status()).isEqualTo(200);
            assertThat(info.body().path("build").path("version").asText()).isNotBlank();
            Answer metrics = http.get("supervisor", "/actuator/metrics");
            assertThat(metrics.raw()).contains("jvm.memory.used", "hikaricp.connections");
            // Axon's meters, less its capacity monitors, which kept every message of ten minutes (AxonMetricsConfiguration)
            assertThat(metrics.raw()).contains("eventProcessor.latency", "eventProcessor.successTimer")
                    .doesNotContain("eventProcessor.capacity");
            // the benchmark's soak mode reads token-store gaps here (TokenGapMetrics); a quiet node has none
            Answer gaps = http.get("supervisor", "/actuator/metrics/ledger.token.gaps?tag=processor:issue-ledger");
            assertThat(gaps.status()).isEqualTo(200);
            assertThat(gaps.body().path("measurements").get(0).path("value").asDouble()).isZero();
            // log events counted without a turbo filter, which logback would ask on every level check (LogEventsMetrics)
            assertThat(((LoggerContext) LoggerFactory.getILoggerFactory()).getTurboFilterList()).isEmpty();
            double warningsBefore = logbackWarnings(http);
            LoggerFactory.getLogger(OperationsTest.class).warn("a warning the logback.events meter counts");
            assertThat(logbackWarnings(http)).isGreaterThanOrEqualTo(warningsBefore + 1);
            Answer prometheus = http.send("supervisor", "GET", "/actuator/prometheus", null,
                    Map.of("Accept", "text/plain"));
            assertThat(prometheus.status()).isEqualTo(200);
            // Axon's dimensional metrics: tagged by processor / payload type
            assertThat(prometheus.raw()).contains("eventProcessor", "issue-ledger");
            for (String closed : List.of("env", "beans", "loggers", "heapdump", "shutdown", "configprops")) {
                assertThat(http.get("supervisor", "/actuator/" + closed).status()).as(closed).isIn(404, 405);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (owners().stream().anyMatch(owner -> owner == null) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(owners()).isNotEmpty().doesNotContainNull();
        } finally {
            app.close();
        }
        assertThat(owners()).isNotEmpty().containsOnlyNulls();
    }

    private static double logbackWarnings(HttpClientSupport http) throws Exception {
        Answer warnings = http.get("supervisor", "/actuator/metrics/logback.events?tag=level:warn");
        assertThat(warnings.status()).isEqualTo(200);
        return warnings.body().path("measurements").get(0).path("value").asDouble();
    }

    /** token_entry.owner of every segment, read outside the application. */
    private List<String> owners() throws Exception {
        String url = PostgresTestDatabase.enabled()
                ? PostgresTestDatabase.urlFor(dataDir.toString())
                : "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        String user = PostgresTestDatabase.enabled() ? "postgres" : "sa";
        String password = PostgresTestDatabase.enabled() ? "postgres" : "";
        List<String> owners = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select owner from token_entry")) {
            while (rows.next()) {
                owners.add(rows.getString(1));
            }
        }
        return owners;
    }
}
