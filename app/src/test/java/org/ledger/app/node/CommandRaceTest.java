package org.ledger.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.PostgresTestDatabase;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two nodes on one database change the same aggregate at the same time. Each node locks the aggregate only for its
 * own commands, so appends race in the event table; the loser is retried (CommandRetryConfiguration). Every command
 * is answered 2xx and its event is stored exactly once, in one gap-free stream. PostgreSQL run only: several nodes
 * share a PostgreSQL database (DESIGN.md §8), never an H2 file.
 */
@EnabledIfSystemProperty(named = PostgresTestDatabase.SWITCH, matches = "postgres")
class CommandRaceTest {

    private static final int PER_THREAD = 8;

    private record Reply(int status, String raw) {
    }

    @TempDir
    Path dataDir;

    @Test
    void concurrentCommandsOnTwoNodesAllSucceedAndAreStoredOnce() throws Exception {
        try (ConfigurableApplicationContext first = start(); ConfigurableApplicationContext second = start()) {
            HttpClientSupport one = client(first);
            HttpClientSupport two = client(second);
            assertThat(one.post("admin", "/api/units", body("id", "race-root", "name", "竞争测试街工委",
                    "kind", "WORKING_COMMITTEE")).status()).isEqualTo(201);
            assertThat(one.post("boss", "/api/units", body("id", "race-unit", "name", "竞争测试社区党委",
                    "kind", "COMMUNITY_COMMITTEE", "parentId", "race-root")).status()).isEqualTo(201);

            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<Reply>> answers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                HttpClientSupport node = t % 2 == 0 ? one : two;
                int thread = t;
                for (int i = 0; i < PER_THREAD; i++) {
                    int n = i;
                    answers.add(threads.submit(() -> {
                        HttpClientSupport.Answer answer = node.put("boss", "/api/units/race-unit/name",
                                body("name", "名称-" + thread + "-" + n));
                        return new Reply(answer.status(), answer.raw());
                    }));
                }
            }
            threads.shutdown();
            for (Future<Reply> answer : answers) {
                Reply reply = answer.get();
                assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
            }

            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            List<Long> sequence = jdbc.queryForList("select sequence_number from domain_event_entry "
                    + "where aggregate_identifier = 'race-unit' order by sequence_number", Long.class);
            assertThat(sequence).hasSize(1 + 4 * PER_THREAD);
            for (int i = 0; i < sequence.size(); i++) {
                assertThat(sequence.get(i)).isEqualTo(i);
            }
        }
    }

    private static HttpClientSupport client(ConfigurableApplicationContext context) {
        return new HttpClientSupport(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                // the race is on the write side; don't wait for projections another node may hold
                "--ledger.read-your-writes.timeout=100ms",
                "--ledger.security.accounts[0].username=admin",
                "--ledger.security.accounts[0].password={noop}admin",
                "--ledger.security.accounts[0].roles=ADMIN",
                "--ledger.security.accounts[0].unit=race-root",
                "--ledger.security.accounts[1].username=boss",
                "--ledger.security.accounts[1].password={noop}boss",
                "--ledger.security.accounts[1].roles=SUPERVISOR",
                "--ledger.security.accounts[1].unit=race-root");
    }
}
