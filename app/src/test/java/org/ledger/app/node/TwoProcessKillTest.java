package org.ledger.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.AppProcess.await;
import static org.ledger.app.HttpClientSupport.body;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.AppProcess;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.PostgresTestDatabase;
import org.ledger.app.TestUnits;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Two application instances in separate JVM processes on one PostgreSQL (issue 7): concurrent commands for the same
 * aggregate through both, one instance killed with SIGKILL in the middle. Then: every command answered 2xx has its
 * event in the store exactly once, in a gap-free stream; the survivor takes over the killed node's segments; the
 * projections converge to what a full rebuild gives. PostgreSQL run only (H2 files cannot be shared by processes).
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.SWITCH, matches = "postgres")
class TwoProcessKillTest {

    private static final int COMMANDS = 40;

    @TempDir
    Path dataDir;

    @Test
    void aNodeKilledMidwayLosesNothingAndTheSurvivorTakesOver() throws Exception {
        String url = PostgresTestDatabase.urlFor(dataDir.toString());
        AppProcess a = new AppProcess("two-process-a", dataDir.resolve("a"), dataDir.resolve("evidence"),
                AppProcess.Database.postgres(url)).start();
        AppProcess b = new AppProcess("two-process-b", dataDir.resolve("b"), dataDir.resolve("evidence"),
                AppProcess.Database.postgres(url)).start();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            HttpClientSupport nodeA = a.client();
            HttpClientSupport nodeB = b.client();
            a.awaitHealthy(Duration.ofSeconds(180));
            b.awaitHealthy(Duration.ofSeconds(180));
            TestUnits.ensure(nodeA, "supervisor");
            String ownerA = a.pid() + "@";

            // Renames of one unit through both nodes at once; A dies when a third of them are answered.
            ExecutorService threads = Executors.newFixedThreadPool(4);
            AtomicInteger answered = new AtomicInteger();
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < COMMANDS; i++) {
                HttpClientSupport node = i % 2 == 0 ? nodeA : nodeB;
                String name = "社区党委-" + i;
                results.add(threads.submit(() -> {
                    try {
                        int status = node.put("supervisor", "/api/units/sqdw/name", body("name", name)).status();
                        answered.incrementAndGet();
                        return status / 100 == 2 ? name : null;
                    } catch (RuntimeException connectionLost) {
                        return null;
                    }
                }));
            }
            await("a third answered", Duration.ofSeconds(60), () -> answered.get() >= COMMANDS / 3);
            a.kill(); // SIGKILL
            threads.shutdown();
            List<String> accepted = new ArrayList<>();
            for (Future<String> result : results) {
                if (result.get() != null) {
                    accepted.add(result.get());
                }
            }
            assertThat(accepted.size()).isGreaterThan(COMMANDS / 3);

            // Every 2xx command's event exactly once; one gap-free stream.
            List<Long> sequence = jdbc.queryForList("select sequence_number from domain_event_entry "
                    + "where aggregate_identifier = 'sqdw' order by sequence_number", Long.class);
            for (int i = 0; i < sequence.size(); i++) {
                assertThat(sequence.get(i)).isEqualTo(i);
            }
            for (String name : accepted) {
                assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier "
                        + "= 'sqdw' and payload_type like '%UnitRenamed' "
                        + "and convert_from(payload, 'UTF8')::jsonb ->> 'name' = ?", Long.class, name))
                        .as(name).isEqualTo(1L);
            }

            // The survivor takes over the dead node's segments (after the claim timeout).
            await("segments taken over", Duration.ofSeconds(90), () -> jdbc.queryForObject(
                    "select count(*) from token_entry where owner is null or owner like ?", Long.class,
                    ownerA + "%") == 0);

            // The projections converge: the audit log has every event; the unit tree shows the last name, and so
            // does it after a full rebuild.
            long events = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
            await("audit log complete", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "select count(*) from audit_log", Long.class) == events);
            long lastVersion = sequence.get(sequence.size() - 1);
            String unitTreeRow = "select name || '@' || version from unit_tree where id = 'sqdw' and valid_to is null";
            await("unit tree current", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "select count(*) from unit_tree where id = 'sqdw' and valid_to is null and version = ?",
                    Long.class, lastVersion) == 1);
            String projected = jdbc.queryForObject(unitTreeRow, String.class);
            assertThat(nodeB.post("admin", "/api/admin/projections/unit-tree/rebuild", body()).status() / 100)
                    .isEqualTo(2);
            await("unit tree rebuilt", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "select count(*) from unit_tree where id = 'sqdw' and valid_to is null and version = ?",
                    Long.class, lastVersion) == 1);
            assertThat(jdbc.queryForObject(unitTreeRow, String.class)).isEqualTo(projected);
        } finally {
            a.kill();
            b.stop();
        }
    }

}
