package org.ledger.app.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ledger.app.HttpClientSupport.body;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.PostgresTestDatabase;
import org.ledger.app.TestUnits;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A command-only node and a query-only node on one database (two applications in this JVM, one data directory):
 * the command node accepts commands without waiting for projections it does not run, the query node refuses
 * commands (404) and projects what the command node stored. PostgreSQL run only: nodes share a PostgreSQL database
 * (DESIGN.md §8), never an H2 file.
 */
class NodeRolesTest {

    @TempDir
    Path dataDir;

    @Test
    @EnabledIfSystemProperty(named = PostgresTestDatabase.SWITCH, matches = "postgres")
    void aCommandNodeAndAQueryNodeShareTheWork() throws Exception {
        try (ConfigurableApplicationContext commandNode = start("command");
             ConfigurableApplicationContext queryNode = start("query")) {
            long stopDeadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (streaming(commandNode).stream().anyMatch(StreamingEventProcessor::isRunning)
                    && System.nanoTime() < stopDeadline) {
                Thread.sleep(100);
            }
            assertThat(streaming(commandNode)).isNotEmpty().noneMatch(StreamingEventProcessor::isRunning);
            assertThat(streaming(queryNode)).isNotEmpty().allMatch(StreamingEventProcessor::isRunning);

            HttpClientSupport commands = client(commandNode);
            HttpClientSupport queries = client(queryNode);
            long started = System.nanoTime();
            TestUnits.ensure(commands, "supervisor");
            Answer registered = commands.post("supervisor", "/api/issues", body(
                    "id", "issue-roles-1", "title", "组织生活会不规范", "description", "会议记录不全",
                    "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                    "foundOn", LocalDate.of(2026, 6, 1).toString()));
            assertThat(registered.status()).isEqualTo(201);
            // Four commands; had each waited for the read-your-writes timeout (5s) this would take 20s.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));

            // The query node has no command endpoints ...
            assertThat(queries.post("supervisor", "/api/issues", body("id", "issue-roles-2")).status())
                    .isEqualTo(404);
            assertThat(queries.post("supervisor", "/api/issues/issue-roles-1/acknowledgement", body()).status())
                    .isEqualTo(404);
            assertThat(queries.get("supervisor", "/v3/api-docs").raw()).doesNotContain("/acknowledgement");
            // ... and projects what the command node stored.
            Answer projected = eventually(() -> queries.get("supervisor", "/api/ledgers/issues/issue-roles-1"));
            assertThat(projected.text("status")).isEqualTo("REGISTERED");
            assertThat(commands.get("supervisor", "/v3/api-docs").raw()).contains("/acknowledgement");
        }
    }

    @Test
    void anUnknownRoleRefusesTheStart() {
        assertThatThrownBy(() -> NodeRoles.parse("command,reporting")).hasMessageContaining("reporting");
        assertThatThrownBy(() -> NodeRoles.parse(" ")).hasMessageContaining("names no role");
        assertThat(NodeRoles.parse("Query , command")).isEqualTo(new NodeRoles(true, true));
    }

    private static Answer eventually(java.util.function.Supplier<Answer> read) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        Answer answer = read.get();
        while (answer.status() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            answer = read.get();
        }
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer;
    }

    private static List<StreamingEventProcessor> streaming(ConfigurableApplicationContext context) {
        return context.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
    }

    private static HttpClientSupport client(ConfigurableApplicationContext context) {
        return new HttpClientSupport(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private ConfigurableApplicationContext start(String roles) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                "--ledger.node.roles=" + roles,
                "--ledger.security.accounts[0].username=supervisor",
                "--ledger.security.accounts[0].password={noop}supervisor",
                "--ledger.security.accounts[0].roles=SUPERVISOR",
                "--ledger.security.accounts[0].unit=jgw",
                "--ledger.security.accounts[1].username=admin",
                "--ledger.security.accounts[1].password={noop}admin",
                "--ledger.security.accounts[1].roles=ADMIN",
                "--ledger.security.accounts[1].unit=jgw");
    }
}
