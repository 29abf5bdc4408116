package org.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport.Answer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The embedded default keeps its data in files: what was written before a restart is there after it. */
class RestartTest {

    @TempDir
    Path dataDir;

    @Test
    void dataWrittenBeforeARestartIsThereAfterIt() {
        Answer before;
        try (ConfigurableApplicationContext first = start()) {
            HttpClientSupport http = client(first);
            TestUnits.ensure(http, "supervisor");
            assertThat(http.post("supervisor", "/api/issues", body(
                    "id", "issue-restart-1", "title", "高龄党员管理举措不完善", "description", "高龄党员服务方式单一",
                    "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                    "foundOn", LocalDate.of(2026, 6, 1).toString())).status()).isEqualTo(201);
            assertThat(http.post("lead", "/api/issues/issue-restart-1/acknowledgement", body()).status())
                    .isEqualTo(200);
            before = http.get("supervisor", "/api/ledgers/issues/issue-restart-1");
            assertThat(before.text("status")).isEqualTo("ACKNOWLEDGED");
        }
        if (!PostgresTestDatabase.enabled()) {
            // the embedded default's H2 file (on PostgreSQL the data lives in the database of this directory)
            assertThat(dataDir.resolve("ledger.mv.db")).exists();
        }

        try (ConfigurableApplicationContext second = start()) {
            HttpClientSupport http = client(second);
            Answer after = http.get("supervisor", "/api/ledgers/issues/issue-restart-1");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.body()).isEqualTo(before.body());
            assertThat(after.etag()).isEqualTo("\"1\"");
            // The event store continues the same stream: the next write is version 2.
            Answer rootCause = http.put("lead", "/api/issues/issue-restart-1/root-cause",
                    body("analysis", "服务举措不完善"));
            assertThat(rootCause.status()).isEqualTo(200);
            assertThat(rootCause.etag()).isEqualTo("\"2\"");
        }
    }

    private ConfigurableApplicationContext start() {
        assertThat(Files.isDirectory(dataDir)).isTrue();
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--ledger.data-dir=" + dataDir,
                "--ledger.security.accounts[1].username=admin",
                "--ledger.security.accounts[1].password={noop}admin",
                "--ledger.security.accounts[1].roles=ADMIN",
                "--ledger.security.accounts[1].unit=jgw",
                "--ledger.security.accounts[2].username=lead",
                "--ledger.security.accounts[2].password={noop}lead",
                "--ledger.security.accounts[2].roles=UNIT_LEAD",
                "--ledger.security.accounts[2].unit=branch-1",
                "--ledger.security.accounts[0].username=supervisor",
                "--ledger.security.accounts[0].password={noop}supervisor",
                "--ledger.security.accounts[0].roles=SUPERVISOR",
                "--ledger.security.accounts[0].unit=jgw");
    }

    private static HttpClientSupport client(ConfigurableApplicationContext context) {
        return new HttpClientSupport(((WebServerApplicationContext) context).getWebServer().getPort());
    }
}
