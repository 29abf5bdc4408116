package org.ledger.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.LedgerApplication;
import org.ledger.app.HttpClientSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo profile loads the data set of the half-year report on an empty database, and a second start on the
 * same data loads nothing again.
 */
class DemoDataTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    @Test
    void theDemoDataLoadsOnAnEmptyDatabaseAndNeverTwice() {
        long eventsAfterFirstStart;
        try (ConfigurableApplicationContext app = start("demo")) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            // The demo's overdue items have warnings already due: db-scheduler fires them on its own thread right
            // after the load and appends warning events the load did not wait for; the audit log catches up. Wait
            // until no deadline is due any more too: the audit log can equal the store between two firings, and a
            // warning that fired after the count (or on the second start) made the event count one too many.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(count(jdbc, "select count(*) from scheduled_tasks where execution_time <= current_timestamp"))
                        .isZero();
                assertThat(count(jdbc, "select count(*) from audit_log"))
                        .isEqualTo(count(jdbc, "select count(*) from domain_event_entry"));
            });
            eventsAfterFirstStart = count(jdbc, "select count(*) from domain_event_entry");
            // the audit log lists every stored event, each once, under its own global index
            assertThat(count(jdbc, "select count(*) from audit_log")).isEqualTo(eventsAfterFirstStart);
            assertThat(count(jdbc, "select count(*) from audit_log a join domain_event_entry e "
                    + "on a.global_index = e.global_index and a.event_id = e.event_identifier"))
                    .isEqualTo(eventsAfterFirstStart);
            HttpClientSupport http = client(app);

            // the tree: 1 working committee, 1 community committee, 11 branches, 29 groups
            JsonNode tree = http.get("auditor", "/api/units").body();
            List<JsonNode> units = new ArrayList<>();
            collect(tree, units);
            assertThat(units).hasSize(42);
            assertThat(units).filteredOn(u -> "BRANCH".equals(u.path("kind").asText())).hasSize(11);
            assertThat(units).filteredOn(u -> "GROUP".equals(u.path("kind").asText())).hasSize(29);

            // agreements: 街工委 ↔ 社区党委 and 社区党委 ↔ each branch, with items and tasks
            JsonNode responsibilities = http.get("auditor", "/api/ledgers/responsibilities?size=200").body();
            assertThat(responsibilities.path("page").path("totalElements").asInt()).isEqualTo(12 * 4);
            assertThat(http.get("auditor", "/api/ledgers/tasks?size=1").body().path("page").path("totalElements")
                    .asInt()).isEqualTo(3 + 11 * 3);

            // the report's three problems, found in self-examination, with their root causes
            JsonNode issues = http.get("auditor", "/api/ledgers/issues?source=SELF_EXAMINATION").body();
            assertThat(issues.path("content")).extracting(row -> row.get("title").asText())
                    .contains("流动党员管理存在欠缺", "高龄党员管理举措不完善", "党建引领作用发挥不强，创新力不够");
            assertThat(issues.path("content")).allSatisfy(row -> assertThat(row.get("rootCause").asText()).isNotBlank());

            // measures at different stages: one overdue, one extended, one closed, one reopened
            JsonNode remote = http.get("auditor", "/api/ledgers/rectifications/rect-remote-study").body();
            assertThat(remote.get("overdue").asBoolean()).isTrue();
            JsonNode wechat = http.get("auditor", "/api/ledgers/rectifications/rect-wechat-group").body();
            assertThat(wechat.get("effectiveDeadline").asText()).isNotEqualTo(wechat.get("originalDeadline").asText());
            assertThat(http.get("auditor", "/api/ledgers/rectifications/rect-young-volunteers").text("status"))
                    .isEqualTo("CLOSED");
            JsonNode pairing = http.get("auditor", "/api/ledgers/rectifications/rect-pairing").body();
            assertThat(pairing.get("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(pairing.get("reopenCount").asInt()).isEqualTo(1);

            // the demo evidence is real: stored in the content-addressed store and served back unchanged
            JsonNode screenshot = evidenceOf(jdbc, "rect-wechat-group", "ev-wechat-screenshot");
            assertThat(screenshot.get("media_type").asText()).isEqualTo("image/png");
            byte[] downloaded = download(app, "/api/rectifications/rect-wechat-group/evidence/ev-wechat-screenshot");
            assertThat(downloaded).hasSize(screenshot.get("size_bytes").asInt());
            assertThat(sha256(downloaded)).isEqualTo(screenshot.get("sha256").asText());
            assertThat(downloaded).startsWith(0x89, 'P', 'N', 'G');
            byte[] records = download(app, "/api/rectifications/rect-young-volunteers/evidence/ev-volunteer-records");
            assertThat(sha256(records))
                    .isEqualTo(evidenceOf(jdbc, "rect-young-volunteers", "ev-volunteer-records").get("sha256").asText());
            assertThat(new String(records, StandardCharsets.US_ASCII)).startsWith("%PDF-").endsWith("%%EOF\n");
            byte[] list = download(app, "/api/rectifications/rect-pairing/evidence/ev-pairing-list");
            assertThat(sha256(list)).isEqualTo(evidenceOf(jdbc, "rect-pairing", "ev-pairing-list").get("sha256").asText());
            assertThat(new String(list, StandardCharsets.UTF_8)).contains("结对名单");

            // the demo accounts can log in
            assertThat(http.get("supervisor", "/api/ledgers/issues").status()).isEqualTo(200);
            assertThat(http.get("secretary", "/api/ledgers/issues").status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext again = start("demo")) {
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            assertThat(count(jdbc, "select count(*) from domain_event_entry")).isEqualTo(eventsAfterFirstStart);
            assertThat(count(jdbc, "select count(*) from unit_registry")).isEqualTo(42);
        }
    }

    @Test
    void theDemoProfileRefusesToRunBesideAProductionProfile() {
        assertThatThrownBy(() -> start("demo", "prod").close())
                .hasStackTraceContaining("must not run with the 'prod' profile");
    }

    private ConfigurableApplicationContext start(String... profiles) {
        return new SpringApplicationBuilder(LedgerApplication.class).profiles(profiles).run(
                "--server.port=0", "--server.address=127.0.0.1", "--ledger.data-dir=" + dataDir);
    }

    private static HttpClientSupport client(ConfigurableApplicationContext app) {
        return new HttpClientSupport(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    /** The evidence row the ledger recorded for the demo file (from the event's hash, size and type). */
    private static JsonNode evidenceOf(JdbcTemplate jdbc, String item, String evidence) {
        Map<String, Object> row = jdbc.queryForMap("select media_type, size_bytes, sha256 from evidence "
                + "where rectification_id = ? and evidence_id = ?", item, evidence);
        ObjectNode node = JSON.createObjectNode();
        row.forEach((column, value) -> node.put(column.toLowerCase(Locale.ROOT), String.valueOf(value).trim()));
        return node;
    }

    /** GET as the auditor, as bytes (the JSON client of the other tests reads text). */
    private static byte[] download(ConfigurableApplicationContext app, String path) {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("auditor:auditor".getBytes(StandardCharsets.UTF_8)))
                .GET().build();
        try {
            HttpResponse<byte[]> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path + ": " + new String(response.body(), StandardCharsets.UTF_8))
                    .isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(JdbcTemplate jdbc, String sql) {
        Long count = jdbc.queryForObject(sql, Long.class);
        return count == null ? 0 : count;
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(child -> collect(child, into));
            return;
        }
        if (node.has("id") && node.has("kind")) {
            into.add(node);
        }
        collect(node.get("children"), into);
        collect(node.get("content"), into);
        collect(node.get("units"), into);
    }
}
