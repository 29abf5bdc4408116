package org.ledger.app.asof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * As-of reads over real HTTP (issue 4, "Proof"): one issue and its rectification item go through a scripted
 * lifecycle — registration, planning, approval (a YELLOW warning fires at once, the deadline being D+5), an
 * extension to D+40, closure (销号), and a reopening with a new deadline D+3 (YELLOW again). After each step the
 * test records an instant taken from the server's own event timestamps (GET …/history), then reads both ledgers,
 * their lists and the statistics as of every recorded instant and checks exactly what they said then. It then
 * rebuilds every projection from the event store and checks the same as-of answers again: the validity periods are
 * derived from the events' timestamps, not from the time of projection, so they survive a rebuild.
 *
 * <p>The clock is the real one (D = today in Asia/Shanghai): commands refuse deadlines in the past, so "overdue"
 * shows up only when the ledger is read as of a day after the effective deadline — the test reads the current rows
 * as of D+10 and sees the item overdue by 7 days, while as of every recorded instant (day D) it is not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "ledger.security.accounts[0].username=supervisor",
        "ledger.security.accounts[0].password={noop}supervisor",
        "ledger.security.accounts[0].roles=SUPERVISOR",
        "ledger.security.accounts[0].unit=jgw",
        "ledger.security.accounts[1].username=lead",
        "ledger.security.accounts[1].password={noop}lead",
        "ledger.security.accounts[1].roles=UNIT_LEAD",
        "ledger.security.accounts[1].unit=branch-1",
        "ledger.security.accounts[2].username=admin",
        "ledger.security.accounts[2].password={noop}admin",
        "ledger.security.accounts[2].roles=ADMIN",
        "ledger.security.accounts[2].unit=jgw"})
class AsOfReadsTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String ISSUE = "issue-asof-1";
    static final String ITEM = "rect-asof-1";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpClientSupport http;

    /** What both ledgers said at one recorded instant. */
    record Expected(String step, Instant at, String issueStatus, int itemCount, int closedItemCount,
                    String itemStatus, LocalDate originalDeadline, LocalDate effectiveDeadline, String warningLevel,
                    int extensionCount, int reopenCount, Long daysLeft, String closedOn) {
    }

    @Test
    void everyLedgerAnswersAsOfEachInstantOfTheLifecycleAlsoAfterARebuild() throws Exception {
        http = new HttpClientSupport(port);
        LocalDate d = LocalDate.now(ZONE);
        // as the admin: registering a root unit is an admin's act
        TestUnits.ensure(http, "admin");
        List<Expected> expected = new ArrayList<>();

        // Before the issue exists: a fixed instant of the server, before any of this test's events.
        Instant beforeAnything = lastEventOf("units", "branch-1");

        // 1. Registered.
        created("supervisor", "/api/issues", body("id", ISSUE, "title", "流动党员管理存在欠缺",
                "description", "部分流动党员长期未参加组织生活。", "source", "SELF_EXAMINATION",
                "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw", "foundOn", d.minusDays(3).toString()));
        expected.add(new Expected("registered", instantAfterSteps(), "REGISTERED", 0, 0,
                null, null, null, null, 0, 0, null, null));

        // 2. Acknowledged, an item planned with a deadline five days away: the issue is being rectified.
        ok("lead", "/api/issues/" + ISSUE + "/acknowledgement", body("reason", "已签收"));
        created("lead", "/api/issues/" + ISSUE + "/rectifications", body("id", ITEM,
                "measure", "建立流动党员微信群，每月推送学习资料", "type", "WITHIN_DEADLINE", "ownerUnitId", "branch-1",
                "ownerName", "张明", "deadline", d.plusDays(5).toString()));
        expected.add(new Expected("planned", instantAfterSteps(), "RECTIFYING", 1, 0,
                "PLANNED", d.plusDays(5), d.plusDays(5), null, 0, 0, 5L, null));

        // 3. Approved: five days left is within the YELLOW window, so the scheduler records YELLOW at once.
        ok("supervisor", "/api/rectifications/" + ITEM + "/plan-approval", body("comment", "同意"));
        awaitWarningLevel("YELLOW");
        expected.add(new Expected("approved", instantAfterSteps(), "RECTIFYING", 1, 0,
                "IN_PROGRESS", d.plusDays(5), d.plusDays(5), "YELLOW", 0, 0, 5L, null));

        // 4. Evidence, then an approved extension to D+40: the effective deadline moves, the original stays, the
        //    warnings start afresh (GREEN; the D+40 notice is 20 days away).
        Answer evidence = http.upload("lead", "/api/rectifications/" + ITEM + "/evidence", "微信群截图.png",
                "image/png", HttpClientSupport.png(), Map.of("id", "ev-asof-1"));
        assertThat(evidence.status()).as(evidence.raw()).isEqualTo(201);
        created("lead", "/api/rectifications/" + ITEM + "/extension-requests", body("id", "ext-asof-1",
                "reason", "流动党员分布较散", "proposedDeadline", d.plusDays(40).toString()));
        ok("supervisor", "/api/rectifications/" + ITEM + "/extension-requests/ext-asof-1/approval",
                body("comment", "同意延期"));
        expected.add(new Expected("extended", instantAfterSteps(), "RECTIFYING", 1, 0,
                "IN_PROGRESS", d.plusDays(5), d.plusDays(40), "GREEN", 1, 0, 40L, null));

        // 5. Closed (销号): the issue is resolved.
        ok("lead", "/api/rectifications/" + ITEM + "/closure-request", body("statement", "微信群运行正常",
                "evidenceIds", List.of("ev-asof-1")));
        ok("supervisor", "/api/rectifications/" + ITEM + "/verification", body("outcome", "CLOSED",
                "comment", "经核查，同意销号"));
        expected.add(new Expected("closed", instantAfterSteps(), "RESOLVED", 1, 1,
                "CLOSED", d.plusDays(5), d.plusDays(40), null, 1, 0, null, d.toString()));

        // 6. Reopened by a look-back with a new deadline three days away: rectifying again, YELLOW again.
        ok("supervisor", "/api/rectifications/" + ITEM + "/reopening", body("reason", "回头看发现微信群已无人维护",
                "newDeadline", d.plusDays(3).toString(), "lookBackId", "lb-asof"));
        awaitWarningLevel("YELLOW");
        expected.add(new Expected("reopened", instantAfterSteps(), "RECTIFYING", 1, 0,
                "IN_PROGRESS", d.plusDays(5), d.plusDays(3), "YELLOW", 1, 1, 3L, null));

        // Every recorded instant lies strictly after the previous one.
        for (int i = 1; i < expected.size(); i++) {
            assertThat(expected.get(i).at()).isAfter(expected.get(i - 1).at());
        }

        checkAsOfAnswers(beforeAnything, expected, d);
        checkStatistics(expected);

        // Rebuild every projection from the event store; the as-of answers must be the same.
        rebuildAll();
        checkAsOfAnswers(beforeAnything, expected, d);
        checkStatistics(expected);
    }

    private void checkAsOfAnswers(Instant beforeAnything, List<Expected> expected, LocalDate d) {
        // Before the issue existed: neither single read finds it, the lists are empty.
        assertThat(http.get("supervisor", "/api/ledgers/issues/" + ISSUE + "?asOf=" + encode(beforeAnything))
                .status()).isEqualTo(404);
        assertThat(http.get("supervisor", "/api/ledgers/rectifications/" + ITEM + "?asOf=" + encode(beforeAnything))
                .status()).isEqualTo(404);
        assertThat(ids(list("/api/ledgers/issues?asOf=" + encode(beforeAnything)))).isEmpty();
        assertThat(ids(list("/api/ledgers/rectifications?asOf=" + encode(beforeAnything)))).isEmpty();

        for (Expected e : expected) {
            String asOf = encode(e.at());
            String step = e.step() + " @ " + e.at();

            Answer issue = http.get("supervisor", "/api/ledgers/issues/" + ISSUE + "?asOf=" + asOf);
            assertThat(issue.status()).as(step).isEqualTo(200);
            checkIssue(issue.body(), e, step);
            assertThat(issue.etag()).as(step).isEqualTo("\"" + issue.body().get("version").asLong() + "\"");

            // The lists as of the instant: the issue listed under its then status only.
            JsonNode issues = list("/api/ledgers/issues?unitId=sqdw&asOf=" + asOf);
            assertThat(ids(issues)).as(step).containsExactly(ISSUE);
            checkIssue(issues.get("content").get(0), e, step + " (list)");
            assertThat(ids(list("/api/ledgers/issues?status=" + e.issueStatus() + "&asOf=" + asOf)))
                    .as(step).containsExactly(ISSUE);
            String otherStatus = "RESOLVED".equals(e.issueStatus()) ? "RECTIFYING" : "RESOLVED";
            assertThat(ids(list("/api/ledgers/issues?status=" + otherStatus + "&asOf=" + asOf))).as(step).isEmpty();

            Answer item = http.get("supervisor", "/api/ledgers/rectifications/" + ITEM + "?asOf=" + asOf);
            JsonNode items = list("/api/ledgers/rectifications?issueId=" + ISSUE + "&asOf=" + asOf);
            if (e.itemStatus() == null) {
                assertThat(item.status()).as(step).isEqualTo(404);
                assertThat(ids(items)).as(step).isEmpty();
                continue;
            }
            assertThat(item.status()).as(step).isEqualTo(200);
            checkItem(item.body(), e, step);
            assertThat(ids(items)).as(step).containsExactly(ITEM);
            checkItem(items.get("content").get(0), e, step + " (list)");
            assertThat(ids(list("/api/ledgers/rectifications?status=" + e.itemStatus() + "&asOf=" + asOf)))
                    .as(step).containsExactly(ITEM);
            // Overdue is judged on the instant's day (D): never overdue then.
            assertThat(ids(list("/api/ledgers/rectifications?overdue=true&asOf=" + asOf))).as(step).isEmpty();
            if (e.warningLevel() != null) {
                assertThat(ids(list("/api/ledgers/rectifications?warningLevel=" + e.warningLevel() + "&asOf=" + asOf)))
                        .as(step).containsExactly(ITEM);
            }
        }

        // The current rows read as of D+10: the reopened item's deadline D+3 has passed by 7 days then.
        Instant later = d.plusDays(10).atTime(9, 0).atZone(ZONE).toInstant();
        JsonNode overdue = http.get("supervisor", "/api/ledgers/rectifications/" + ITEM + "?asOf=" + encode(later))
                .body();
        assertThat(overdue.get("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(overdue.get("overdue").asBoolean()).isTrue();
        assertThat(overdue.get("daysOverdue").asLong()).isEqualTo(7);
        assertThat(overdue.get("daysLeft").asLong()).isEqualTo(-7);
        assertThat(ids(list("/api/ledgers/rectifications?overdue=true&asOf=" + encode(later))))
                .containsExactly(ITEM);
    }

    private static void checkIssue(JsonNode issue, Expected e, String step) {
        assertThat(issue.get("id").asText()).as(step).isEqualTo(ISSUE);
        assertThat(issue.get("status").asText()).as(step).isEqualTo(e.issueStatus());
        assertThat(issue.get("itemCount").asInt()).as(step).isEqualTo(e.itemCount());
        assertThat(issue.get("closedItemCount").asInt()).as(step).isEqualTo(e.closedItemCount());
    }

    private static void checkItem(JsonNode item, Expected e, String step) {
        assertThat(item.get("id").asText()).as(step).isEqualTo(ITEM);
        assertThat(item.get("status").asText()).as(step).isEqualTo(e.itemStatus());
        assertThat(item.get("originalDeadline").asText()).as(step).isEqualTo(e.originalDeadline().toString());
        assertThat(item.get("effectiveDeadline").asText()).as(step).isEqualTo(e.effectiveDeadline().toString());
        assertThat(text(item, "warningLevel")).as(step).isEqualTo(e.warningLevel());
        assertThat(item.get("extensionCount").asInt()).as(step).isEqualTo(e.extensionCount());
        assertThat(item.get("reopenCount").asInt()).as(step).isEqualTo(e.reopenCount());
        assertThat(item.get("overdue").asBoolean()).as(step).isFalse();
        assertThat(text(item, "daysOverdue")).as(step).isNull();
        assertThat(item.get("daysLeft").isNull() ? null : item.get("daysLeft").asLong()).as(step)
                .isEqualTo(e.daysLeft());
        assertThat(text(item, "closedOn")).as(step).isEqualTo(e.closedOn());
    }

    /** Statistics as of the closure (closed, rate 1) and as of the reopening (open again, reopened 1). */
    private void checkStatistics(List<Expected> expected) {
        Expected closed = expected.stream().filter(e -> e.step().equals("closed")).findFirst().orElseThrow();
        Expected reopened = expected.stream().filter(e -> e.step().equals("reopened")).findFirst().orElseThrow();
        Expected planned = expected.stream().filter(e -> e.step().equals("planned")).findFirst().orElseThrow();

        JsonNode atPlanning = statistics(planned.at());
        assertThat(figures(atPlanning.get("total"))).isEqualTo(List.of(1L, 1L, 0L, 0L, 0L));

        JsonNode atClosure = statistics(closed.at());
        assertThat(atClosure.get("today").asText()).isEqualTo(LocalDate.ofInstant(closed.at(), ZONE).toString());
        assertThat(figures(atClosure.get("total"))).isEqualTo(List.of(1L, 1L, 1L, 0L, 0L));
        assertThat(atClosure.get("total").get("rectificationRate").decimalValue()).isEqualByComparingTo("1");
        // closed on D, before the original deadline D+5 and the effective D+40
        assertThat(atClosure.get("total").get("onTimeRateOriginal").decimalValue()).isEqualByComparingTo("1");

        JsonNode atReopening = statistics(reopened.at());
        assertThat(figures(atReopening.get("total"))).isEqualTo(List.of(1L, 1L, 0L, 0L, 1L));
        assertThat(atReopening.get("total").get("rectificationRate").decimalValue()).isEqualByComparingTo("0");
    }

    /** issues, items, closed, overdue, reopened. */
    private static List<Long> figures(JsonNode total) {
        return List.of(total.get("issues").asLong(), total.get("items").asLong(), total.get("closed").asLong(),
                total.get("overdue").asLong(), total.get("reopened").asLong());
    }

    private JsonNode statistics(Instant asOf) {
        Answer answer = http.get("supervisor", "/api/statistics/rectification?unitId=jgw&asOf=" + encode(asOf));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(Instant.parse(answer.text("asOf"))).isEqualTo(asOf);
        return answer.body();
    }

    // --- the rebuild ---------------------------------------------------------------------------------------------

    private void rebuildAll() throws Exception {
        Answer started = http.post("admin", "/api/admin/projections/all/rebuild", null);
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        List<String> names = new ArrayList<>();
        started.body().get("rebuilding").forEach(n -> names.add(n.asText()));
        assertThat(names).as(http.get("admin", "/api/admin/projections").raw())
                .contains("issue-ledger", "rectification-ledger", "rectification-statistics");
        awaitIdle();
    }

    /** Until no projection is rebuilding and every one has reached the end of the event store. */
    private void awaitIdle() throws Exception {
        long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Answer answer = http.get("admin", "/api/admin/projections");
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            boolean idle = true;
            for (JsonNode p : answer.body()) {
                if (p.get("rebuilding").asBoolean() || p.get("position").isNull()
                        || p.get("position").asLong() < head) {
                    idle = false;
                }
            }
            if (idle) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("projections did not catch up: " + answer.raw());
            }
            Thread.sleep(20);
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    /**
     * An instant after every event so far of the issue and its item, as the server stamped them (the ledgers' rows
     * are valid from those timestamps). One millisecond later, so that sub-millisecond rounding of a stored
     * timestamp cannot place the instant before the row it should select; the next step's events are later still.
     */
    private Instant instantAfterSteps() {
        Instant last = lastEventOf("issues", ISSUE);
        if (http.get("supervisor", "/api/rectifications/" + ITEM + "/history").status() == 200) {
            Instant item = lastEventOf("rectifications", ITEM);
            last = item.isAfter(last) ? item : last;
        }
        sleepPastMillisecond();
        return last.plusMillis(1);
    }

    private Instant lastEventOf(String kind, String id) {
        Answer history = http.get("supervisor", "/api/" + kind + "/" + id + "/history");
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        JsonNode events = history.body();
        Instant last = Instant.MIN;
        for (JsonNode event : events) {
            Instant at = Instant.parse(event.get("timestamp").asText());
            last = at.isAfter(last) ? at : last;
        }
        return last;
    }

    private static void sleepPastMillisecond() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Warnings are recorded by the scheduler after the command answered; wait until the ledger shows it. */
    private void awaitWarningLevel(String level) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String shown = null;
        while (System.nanoTime() < deadline) {
            shown = http.get("supervisor", "/api/ledgers/rectifications/" + ITEM).text("warningLevel");
            if (level.equals(shown)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("warning level " + level + " not recorded; ledger shows " + shown);
    }

    private JsonNode list(String path) {
        Answer answer = http.get("supervisor", path);
        assertThat(answer.status()).as(path + " " + answer.raw()).isEqualTo(200);
        return answer.body();
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("content").forEach(row -> ids.add(row.get("id").asText()));
        return ids;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String encode(Instant instant) {
        return URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8);
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
