package org.ledger.app.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.MovableClock;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The statistics over real HTTP, fed by the real commands, with a clock the test moves forward (closures and
 * late closures need days to pass). D is the real today in Asia/Shanghai; all items are planned on D.
 *
 * <pre>
 * jgw ── sqdw ─┬─ branch-1
 *              └─ branch-2
 *
 * issue A  INSPECTION       branch-1
 * issue B  PATROL_FEEDBACK  branch-2
 * issue C  OTHER            branch-2  dismissed
 *
 * a1  A  branch-1  IMMEDIATE        deadline D+5   closed D+4 (on time, 4 days); reopened D+16, new deadline D+40
 * a2  A  branch-1  WITHIN_DEADLINE  deadline D+10  extended on D+8 to D+20; closed D+15: late vs original,
 *                                                  on time vs effective, 15 days
 * b1  B  branch-2  LONG_TERM        deadline D+30  declared ONGOING on D+15
 * b2  B  branch-2  WITHIN_DEADLINE  deadline D+3   never done: overdue from D+4
 *
 * at D+16 (now):
 *            issues dism items closed ongoing rate           onTimeOrig onTimeEff overdue reopened avgDays
 * branch-1   1      0    2     1      0       1/2 = 0.5      0/1 = 0    1/1 = 1   0       1        15
 * branch-2   1      1    2     0      1       0/(2-1) = 0    null       null      1       0        null
 * sqdw total 2      1    4     1      1       1/3 = 0.3333   0          1         1       1        15
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "ledger.security.accounts[0].username=supervisor",
        "ledger.security.accounts[0].password={noop}supervisor",
        "ledger.security.accounts[0].roles=SUPERVISOR",
        "ledger.security.accounts[0].unit=jgw",
        "ledger.security.accounts[2].username=admin",
        "ledger.security.accounts[2].password={noop}admin",
        "ledger.security.accounts[2].roles=ADMIN",
        "ledger.security.accounts[2].unit=jgw",
        // branch-2 has its own lead: a lead acts for its own unit only (AccessRule.IssueWorkByLeadOfResponsibleUnit)
        "ledger.security.accounts[3].username=lead2",
        "ledger.security.accounts[3].password={noop}lead2",
        "ledger.security.accounts[3].roles=UNIT_LEAD",
        "ledger.security.accounts[3].unit=branch-2",
        "ledger.security.accounts[1].username=lead",
        "ledger.security.accounts[1].password={noop}lead",
        "ledger.security.accounts[1].roles=UNIT_LEAD",
        "ledger.security.accounts[1].unit=branch-1"})
class RectificationStatisticsHttpTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Clocks {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now(), ZONE);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MovableClock clock;

    HttpClientSupport http;

    @Test
    void theFiguresFollowTheRealCommandsAndCanBeReadAsOfAnEarlierInstant() {
        http = new HttpClientSupport(port);
        LocalDate d = LocalDate.now(clock);
        TestUnits.ensure(http, "supervisor");
        created("supervisor", "/api/units", body("id", "branch-2", "name", "第二党支部", "kind", "BRANCH",
                "parentId", "sqdw"));

        issue("st-A", "INSPECTION", "branch-1", d);
        issue("st-B", "PATROL_FEEDBACK", "branch-2", d);
        issue("st-C", "OTHER", "branch-2", d);
        ok("supervisor", "/api/issues/st-C/dismissal", body("reason", "经核实不属实"));
        ok("lead", "/api/issues/st-A/acknowledgement", body("reason", "已签收"));
        ok("lead2", "/api/issues/st-B/acknowledgement", body("reason", "已签收"));

        plan("st-A", "st-a1", "IMMEDIATE", "branch-1", d.plusDays(5));
        plan("st-A", "st-a2", "WITHIN_DEADLINE", "branch-1", d.plusDays(10));
        plan("st-B", "st-b1", "LONG_TERM", "branch-2", d.plusDays(30));
        plan("st-B", "st-b2", "WITHIN_DEADLINE", "branch-2", d.plusDays(3));

        // D+4: a1 closed on time.
        clock.advanceDays(4);
        close("st-a1", "CLOSED");
        Instant afterFirstClosure = Instant.now();

        // D+8: a2 extended to D+20; D+15: closed, late against the original deadline D+10.
        clock.advanceDays(4);
        created("lead", "/api/rectifications/st-a2/extension-requests", body("id", "x-a2", "reason", "需协调",
                "proposedDeadline", d.plusDays(20).toString()));
        ok("supervisor", "/api/rectifications/st-a2/extension-requests/x-a2/approval", body("comment", "同意"));
        clock.advanceDays(7);
        close("st-a2", "CLOSED");
        close("st-b1", "ONGOING");
        Instant beforeReopening = Instant.now();

        // D+16: a look-back reopens a1.
        clock.advanceDays(1);
        ok("supervisor", "/api/rectifications/st-a1/reopening", body("reason", "回头看发现反弹",
                "newDeadline", d.plusDays(40).toString()));

        JsonNode now = statistics("unitId=sqdw");
        assertThat(now.get("today").asText()).isEqualTo(d.plusDays(16).toString());
        assertThat(now.get("groupBy").asText()).isEqualTo("unit");
        assertThat(keys(now.get("rows"))).containsExactly("branch-1", "branch-2");
        assertThat(figures(row(now, "branch-1"))).isEqualTo(List.of("第一党支部", 1L, 0L, 2L, 1L, 0L,
                "0.5000", "0.0000", "1.0000", 0L, 1L, "15.00"));
        assertThat(figures(row(now, "branch-2"))).isEqualTo(List.of("第二党支部", 1L, 1L, 2L, 0L, 1L,
                "0.0000", "null", "null", 1L, 0L, "null"));
        assertThat(figures(now.get("total"))).isEqualTo(List.of("某社区党委", 2L, 1L, 4L, 1L, 1L,
                "0.3333", "0.0000", "1.0000", 1L, 1L, "15.00"));

        // As of just after a1's closure (today = the real D: b2 not yet overdue): a1 closed on time in 4 days.
        JsonNode early = statistics("unitId=sqdw&asOf=" + encode(afterFirstClosure));
        assertThat(early.get("today").asText()).isEqualTo(LocalDate.ofInstant(afterFirstClosure, ZONE).toString());
        assertThat(figures(row(early, "branch-1"))).isEqualTo(List.of("第一党支部", 1L, 0L, 2L, 1L, 0L,
                "0.5000", "1.0000", "1.0000", 0L, 0L, "4.00"));
        // As of before the reopening: a1 and a2 closed, (4 + 15) / 2 days; b1 ongoing.
        JsonNode late = statistics("unitId=sqdw&asOf=" + encode(beforeReopening));
        assertThat(figures(row(late, "branch-1"))).isEqualTo(List.of("第一党支部", 1L, 0L, 2L, 2L, 0L,
                "1.0000", "0.5000", "1.0000", 0L, 0L, "9.50"));
        assertThat(figures(row(late, "branch-2")).get(5)).isEqualTo(1L);

        // Per source and per type, with Chinese labels.
        JsonNode bySource = statistics("unitId=sqdw&groupBy=source");
        assertThat(figures(row(bySource, "INSPECTION")).subList(0, 4)).isEqualTo(List.of("专项督查", 1L, 0L, 2L));
        assertThat(figures(row(bySource, "OTHER")).subList(0, 4)).isEqualTo(List.of("其他", 0L, 1L, 0L));
        JsonNode byType = statistics("unitId=sqdw&groupBy=type");
        assertThat(figures(row(byType, "LONG_TERM"))).isEqualTo(List.of("长期坚持", 1L, 0L, 1L, 0L, 1L,
                "null", "null", "null", 0L, 0L, "null"));

        // A period that ends before D counts nothing.
        JsonNode before = statistics("unitId=sqdw&to=" + d.minusDays(1));
        assertThat(before.get("total").get("items").asLong()).isZero();
        assertThat(before.get("period").get("to").asText()).isEqualTo(d.minusDays(1).toString());
    }

    @Test
    void badParametersAreProblemDetails() {
        http = new HttpClientSupport(port);
        TestUnits.ensure(http, "supervisor");
        Answer reversed = http.get("supervisor", "/api/statistics/rectification?from=2026-06-30&to=2026-01-01");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.contentType()).startsWith("application/problem+json");
        assertThat(http.get("supervisor", "/api/statistics/rectification?groupBy=branch").status()).isEqualTo(400);
        assertThat(http.get("supervisor", "/api/statistics/rectification?from=yesterday").status()).isEqualTo(400);
        assertThat(http.get("supervisor", "/api/statistics/rectification?asOf=soon").status()).isEqualTo(400);
        assertThat(http.get("supervisor", "/api/statistics/rectification?unitId=nowhere").status()).isEqualTo(404);
        assertThat(http.get(null, "/api/statistics/rectification").status()).isEqualTo(401);
        assertThat(http.get("supervisor", "/api/statistics/rectification").status()).isEqualTo(200);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private JsonNode statistics(String query) {
        Answer answer = http.get("supervisor", "/api/statistics/rectification?" + query);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
    }

    private static List<String> keys(JsonNode rows) {
        List<String> keys = new ArrayList<>();
        rows.forEach(row -> keys.add(row.get("key").asText()));
        return keys;
    }

    private static JsonNode row(JsonNode statistics, String key) {
        for (JsonNode row : statistics.get("rows")) {
            if (key.equals(row.get("key").asText())) {
                return row;
            }
        }
        throw new AssertionError("no row " + key + " in " + statistics);
    }

    /** label, issues, dismissedIssues, items, closed, ongoing, 3 rates, overdue, reopened, average days. */
    private static List<Object> figures(JsonNode row) {
        return List.of(row.get("label").asText(), row.get("issues").asLong(), row.get("dismissedIssues").asLong(),
                row.get("items").asLong(), row.get("closed").asLong(), row.get("ongoing").asLong(),
                decimal(row.get("rectificationRate"), 4), decimal(row.get("onTimeRateOriginal"), 4),
                decimal(row.get("onTimeRateEffective"), 4), row.get("overdue").asLong(),
                row.get("reopened").asLong(), decimal(row.get("averageDaysToClose"), 2));
    }

    private static String decimal(JsonNode node, int places) {
        return node == null || node.isNull() ? "null" : String.format("%." + places + "f", node.decimalValue());
    }

    private void issue(String id, String source, String unit, LocalDate foundOn) {
        created("supervisor", "/api/issues", body("id", id, "title", "问题" + id, "description", "描述" + id,
                "source", source, "responsibleUnitId", unit, "raisedByUnitId", "jgw",
                "foundOn", foundOn.toString()));
    }

    private void plan(String issue, String id, String type, String owner, LocalDate deadline) {
        created("branch-2".equals(owner) ? "lead2" : "lead", "/api/issues/" + issue + "/rectifications", body("id", id, "measure", "措施" + id,
                "type", type, "ownerUnitId", owner, "ownerName", "张明", "deadline", deadline.toString()));
        ok("supervisor", "/api/rectifications/" + id + "/plan-approval", body("comment", "同意"));
    }

    private void close(String id, String outcome) {
        Answer evidence = http.upload(leadOf(id), "/api/rectifications/" + id + "/evidence", "材料.pdf", "application/pdf",
                HttpClientSupport.pdf(id), Map.of("id", "ev-" + id));
        assertThat(evidence.status()).as(evidence.raw()).isEqualTo(201);
        ok(leadOf(id), "/api/rectifications/" + id + "/closure-request", body("statement", "已完成",
                "evidenceIds", List.of("ev-" + id)));
        ok("supervisor", "/api/rectifications/" + id + "/verification", body("outcome", outcome,
                "comment", "经核查"));
    }

    /** The lead of the item's owner unit: the st-b items belong to branch-2. */
    private static String leadOf(String itemId) {
        return itemId.startsWith("st-b") ? "lead2" : "lead";
    }

    private void created(String user, String path, Object body) {
        Answer answer = http.post(user, path, body);
        assertThat(answer.status()).as(path + " " + answer.raw()).isEqualTo(201);
    }

    private void ok(String user, String path, Object body) {
        Answer answer = http.post(user, path, body);
        assertThat(answer.status()).as(path + " " + answer.raw()).isEqualTo(200);
    }
}
