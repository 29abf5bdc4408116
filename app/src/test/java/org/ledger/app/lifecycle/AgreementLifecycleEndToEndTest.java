package org.ledger.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Walks one responsibility agreement (党建责任书) over real HTTP: drafted, items added, tasks planned, signed by both
 * parties, progress reported, an issue linked to an item, amended, assessed, re-assessed and archived, reading the
 * responsibility ledger (责任清单) and the task ledger (任务清单) after every step.
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
        "ledger.security.accounts[1].username=lead",
        "ledger.security.accounts[1].password={noop}lead",
        "ledger.security.accounts[1].roles=UNIT_LEAD",
        "ledger.security.accounts[1].unit=branch-1"})
class AgreementLifecycleEndToEndTest {

    static final String AGREEMENT = "agr-e2e-1";
    static final String AGREEMENT_PATH = "/api/ledgers/responsibilities/" + AGREEMENT;
    static final String COMMANDS = "/api/agreements/" + AGREEMENT;
    static final String TASKS = "/api/ledgers/tasks?agreementId=" + AGREEMENT + "&sort=id";

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    /**
     * Registers jgw → sqdw → branch-1. Unit references are becoming mandatory; where the unit endpoint does not
     * exist yet (404) or a unit exists already (409), that is fine.
     */
    static void registerUnits(HttpClientSupport http) {
        List<List<String>> units = List.of(
                List.of("jgw", "某街道党工委", "WORKING_COMMITTEE", ""),
                List.of("sqdw", "某社区党委", "COMMUNITY_COMMITTEE", "jgw"),
                List.of("branch-1", "第一党支部", "BRANCH", "sqdw"));
        for (List<String> unit : units) {
            Answer answer = http.post(unit.get(3).isEmpty() ? "admin" : "supervisor", "/api/units", unit.get(3).isEmpty()
                    ? body("id", unit.get(0), "name", unit.get(1), "kind", unit.get(2))
                    : body("id", unit.get(0), "name", unit.get(1), "kind", unit.get(2), "parentId", unit.get(3)));
            assertThat(answer.status()).as("registering unit %s: %s", unit.get(0), answer.raw())
                    .isIn(200, 201, 404, 409);
        }
    }

    static JsonNode item(Answer agreement, String itemId) {
        for (JsonNode item : agreement.body().get("items")) {
            if (item.get("id").asText().equals(itemId)) {
                return item;
            }
        }
        throw new AssertionError("no item " + itemId + " in " + agreement.raw());
    }

    static JsonNode row(Answer page, String id) {
        for (JsonNode row : page.body().get("content")) {
            if (row.get("id").asText().equals(id)) {
                return row;
            }
        }
        throw new AssertionError("no row " + id + " in " + page.raw());
    }

    @Test
    void anAgreementGoesFromDraftThroughSignatureProgressAndAssessmentToArchive() {
        HttpClientSupport http = new HttpClientSupport(port);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        LocalDate periodStart = today.minusMonths(6);
        LocalDate periodEnd = today.plusMonths(6);
        registerUnits(http);

        // 1. The community committee drafts an agreement with one of its branches.
        Answer drafted = http.post("supervisor", "/api/agreements", body(
                "id", AGREEMENT,
                "title", "第一党支部党建工作责任书",
                "periodStart", periodStart.toString(),
                "periodEnd", periodEnd.toString(),
                "issuerUnitId", "sqdw",
                "responsibleUnitId", "branch-1"));
        assertThat(drafted.status()).as(drafted.raw()).isEqualTo(201);
        assertThat(drafted.location()).endsWith(AGREEMENT_PATH);
        assertThat(drafted.etag()).isEqualTo("\"0\"");
        Answer agreement = http.get("supervisor", AGREEMENT_PATH);
        assertThat(agreement.status()).isEqualTo(200);
        assertThat(agreement.text("status")).isEqualTo("DRAFT");
        assertThat(agreement.body().get("fullScore").asInt()).isEqualTo(100);
        assertThat(agreement.body().get("items")).isEmpty();
        assertThat(agreement.etag()).isEqualTo("\"0\"");
        // a retried create is harmless
        Answer again = http.post("supervisor", "/api/agreements", body("id", AGREEMENT, "title", "重复",
                "periodStart", periodStart.toString(), "periodEnd", periodEnd.toString(),
                "issuerUnitId", "sqdw", "responsibleUnitId", "branch-1"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("rule")).isEqualTo("AlreadyExists");

        // 2. Two items, 60 + 40 points.
        Answer added = http.post("supervisor", COMMANDS + "/items", body("id", "item-1", "category", "组织建设",
                "content", "严格落实“三会一课”制度", "weight", 60));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.text("id")).isEqualTo("item-1");
        assertThat(http.post("supervisor", COMMANDS + "/items", body("id", "item-2", "category", "宣传思想",
                "content", "每月开展集中理论学习", "weight", 40)).status()).isEqualTo(201);
        agreement = http.get("supervisor", AGREEMENT_PATH);
        assertThat(agreement.body().get("items")).hasSize(2);
        assertThat(agreement.body().get("weightTotal").asInt()).isEqualTo(100);
        Answer responsibilities = http.get("lead", "/api/ledgers/responsibilities?agreementId=" + AGREEMENT);
        assertThat(responsibilities.body().get("page").get("totalElements").asInt()).isEqualTo(2);
        assertThat(row(responsibilities, "item-1").get("status").asText()).isEqualTo("DRAFT");

        // 3. Tasks for each item; one of them is already due yesterday.
        Answer planned = http.post("supervisor", COMMANDS + "/items/item-1/tasks", body("id", "task-1",
                "description", "每季度开展一次主题党日活动", "assigneeUnitId", "branch-1", "assigneeName", "张明",
                "dueDate", today.plusDays(30).toString()));
        assertThat(planned.status()).as(planned.raw()).isEqualTo(201);
        assertThat(planned.location()).endsWith("/api/ledgers/tasks/task-1");
        assertThat(http.post("supervisor", COMMANDS + "/items/item-2/tasks", body("id", "task-2",
                "description", "组织党员集中学习", "assigneeUnitId", "branch-1", "assigneeName", "李华",
                "dueDate", today.minusDays(1).toString())).status()).isEqualTo(201);
        Answer tasks = http.get("lead", TASKS);
        assertThat(tasks.body().get("content")).hasSize(2);
        assertThat(row(tasks, "task-1").get("status").asText()).isEqualTo("OPEN");
        assertThat(row(tasks, "task-1").get("itemContent").asText()).isEqualTo("严格落实“三会一课”制度");
        assertThat(row(tasks, "task-1").get("overdue").asBoolean()).isFalse();
        assertThat(row(tasks, "task-2").get("overdue").asBoolean()).isTrue();
        assertThat(http.get("lead", "/api/ledgers/tasks?overdue=true&agreementId=" + AGREEMENT).body()
                .get("content")).hasSize(1);
        assertThat(item(http.get("lead", AGREEMENT_PATH), "item-1").get("taskCount").asInt()).isEqualTo(1);
        // progress is refused before signing
        Answer early = http.post("lead", COMMANDS + "/tasks/task-1/progress-reports", body("percent", 10,
                "note", "准备中"));
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.text("rule")).isEqualTo("ProgressOnlyAfterSigning");
        Instant beforeSigning = Instant.now();

        // 4. The branch signs first; from now on changes are amendments with a reason.
        agreement = http.get("lead", AGREEMENT_PATH);
        Answer signed = http.post("lead", COMMANDS + "/signatures", body("party", "RESPONSIBLE",
                "signerName", "王书记", "signedOn", today.toString()), agreement.etag());
        assertThat(signed.status()).as(signed.raw()).isEqualTo(200);
        assertThat(http.get("lead", AGREEMENT_PATH).text("status")).isEqualTo("DRAFT");
        Answer silent = http.put("supervisor", COMMANDS + "/items/item-2", body("category", "宣传思想",
                "content", "悄悄修改", "weight", 40));
        assertThat(silent.status()).isEqualTo(409);
        assertThat(silent.text("rule")).isEqualTo("AmendmentNeedsReason");
        Answer twice = http.post("lead", COMMANDS + "/signatures", body("party", "RESPONSIBLE",
                "signerName", "王书记", "signedOn", today.toString()));
        assertThat(twice.text("rule")).isEqualTo("EachPartySignsOnce");
        // the issuer signs: in force
        assertThat(http.post("supervisor", COMMANDS + "/signatures", body("party", "ISSUER",
                "signerName", "李书记", "signedOn", today.toString())).status()).isEqualTo(200);
        agreement = http.get("supervisor", AGREEMENT_PATH);
        assertThat(agreement.text("status")).isEqualTo("IN_FORCE");
        assertThat(agreement.text("issuerSigner")).isEqualTo("李书记");
        assertThat(agreement.text("inForceOn")).isEqualTo(today.toString());
        assertThat(item(agreement, "item-1").get("status").asText()).isEqualTo("IN_FORCE");
        // as of before the signatures the ledger said DRAFT
        Answer then = http.get("supervisor", AGREEMENT_PATH + "?asOf=" + beforeSigning);
        assertThat(then.text("status")).isEqualTo("DRAFT");

        // 5. Progress: task-1 60%, task-2 completed.
        Answer reported = http.post("lead", COMMANDS + "/tasks/task-1/progress-reports", body("percent", 60,
                "note", "已开展两次主题党日活动"));
        assertThat(reported.status()).as(reported.raw()).isEqualTo(200);
        assertThat(http.post("lead", COMMANDS + "/tasks/task-2/progress-reports", body("percent", 100,
                "note", "集中学习已完成", "completed", true)).status()).isEqualTo(200);
        Answer notFull = http.post("lead", COMMANDS + "/tasks/task-1/progress-reports", body("percent", 90,
                "note", "x", "completed", true));
        assertThat(notFull.status()).isEqualTo(400);
        Answer task1 = http.get("lead", "/api/ledgers/tasks/task-1");
        assertThat(task1.status()).isEqualTo(200);
        assertThat(task1.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(task1.body().get("progressPercent").asInt()).isEqualTo(60);
        assertThat(task1.text("lastProgressNote")).isEqualTo("已开展两次主题党日活动");
        assertThat(task1.text("lastProgressOn")).isEqualTo(today.toString());
        Answer task2 = http.get("lead", "/api/ledgers/tasks/task-2");
        assertThat(task2.text("status")).isEqualTo("COMPLETED");
        assertThat(task2.body().get("overdue").asBoolean()).isFalse();
        Answer final2 = http.post("lead", COMMANDS + "/tasks/task-2/progress-reports", body("percent", 50,
                "note", "再报"));
        assertThat(final2.text("rule")).isEqualTo("CompletedTaskIsFinal");
        agreement = http.get("lead", AGREEMENT_PATH);
        assertThat(item(agreement, "item-2").get("completedTaskCount").asInt()).isEqualTo(1);
        assertThat(item(agreement, "item-1").get("completedTaskCount").asInt()).isZero();

        // 6. An inspection finds an issue showing item-1 was not fulfilled.
        Answer issue = http.post("supervisor", "/api/issues", body(
                "id", "issue-agr-e2e-1",
                "title", "“三会一课”记录不规范",
                "description", "支委会记录缺少签名。",
                "source", "INSPECTION",
                "responsibleUnitId", "branch-1",
                "raisedByUnitId", "sqdw",
                "foundOn", today.toString(),
                "responsibilityItem", body("agreementId", AGREEMENT, "itemId", "item-1")));
        assertThat(issue.status()).as(issue.raw()).isEqualTo(201);
        agreement = http.get("supervisor", AGREEMENT_PATH);
        assertThat(item(agreement, "item-1").get("openIssueCount").asInt()).isEqualTo(1);
        assertThat(item(agreement, "item-1").get("closedIssueCount").asInt()).isZero();
        assertThat(item(agreement, "item-2").get("openIssueCount").asInt()).isZero();
        assertThat(http.get("lead", "/api/ledgers/responsibilities?unitId=branch-1&q=三会一课").body()
                .get("content")).hasSize(1);

        // 7. An amendment with a reason (the weight stays, so the weights still add up).
        Answer amended = http.put("supervisor", COMMANDS + "/items/item-1", body("category", "组织建设",
                "content", "严格落实“三会一课”制度，规范会议记录", "weight", 60, "reason", "根据督查发现补充要求"));
        assertThat(amended.status()).as(amended.raw()).isEqualTo(200);
        assertThat(item(http.get("lead", AGREEMENT_PATH), "item-1").get("content").asText())
                .isEqualTo("严格落实“三会一课”制度，规范会议记录");
        assertThat(http.get("lead", "/api/ledgers/tasks/task-1").text("itemContent"))
                .isEqualTo("严格落实“三会一课”制度，规范会议记录");

        // 8. Assessment: a score per item and a grade.
        Answer incomplete = http.post("supervisor", COMMANDS + "/assessment", body("scores",
                List.of(body("itemId", "item-1", "score", 50, "comment", "较好")), "grade", "GOOD"));
        assertThat(incomplete.text("rule")).isEqualTo("AssessmentCoversEveryItem");
        Answer assessed = http.post("supervisor", COMMANDS + "/assessment", body("scores", List.of(
                body("itemId", "item-1", "score", 52.5, "comment", "记录有欠缺"),
                body("itemId", "item-2", "score", 40, "comment", "完成良好")), "grade", "EXCELLENT"));
        assertThat(assessed.status()).as(assessed.raw()).isEqualTo(200);
        agreement = http.get("supervisor", AGREEMENT_PATH);
        assertThat(agreement.body().get("totalScore").decimalValue()).isEqualByComparingTo("92.5");
        assertThat(agreement.text("grade")).isEqualTo("EXCELLENT");
        assertThat(item(agreement, "item-1").get("score").decimalValue()).isEqualByComparingTo("52.5");
        assertThat(item(agreement, "item-1").get("scoreComment").asText()).isEqualTo("记录有欠缺");
        Answer noReason = http.post("supervisor", COMMANDS + "/assessment", body("scores", List.of(
                body("itemId", "item-1", "score", 50, "comment", "x"),
                body("itemId", "item-2", "score", 40, "comment", "y")), "grade", "GOOD"));
        assertThat(noReason.text("rule")).isEqualTo("ReassessmentNeedsReason");
        assertThat(http.post("supervisor", COMMANDS + "/assessment", body("scores", List.of(
                body("itemId", "item-1", "score", 50, "comment", "复核后扣分"),
                body("itemId", "item-2", "score", 40, "comment", "完成良好")), "grade", "GOOD",
                "reason", "复核后调整得分")).status()).isEqualTo(200);
        agreement = http.get("supervisor", AGREEMENT_PATH);
        assertThat(agreement.body().get("totalScore").decimalValue()).isEqualByComparingTo("90");
        assertThat(agreement.body().get("assessmentCount").asInt()).isEqualTo(2);
        assertThat(row(http.get("lead", "/api/ledgers/responsibilities?agreementId=" + AGREEMENT), "item-2")
                .get("agreementGrade").asText()).isEqualTo("GOOD");

        // 9. Archived: closed for good.
        Answer archived = http.post("supervisor", COMMANDS + "/archival", body("reason", "年度考评完成"));
        assertThat(archived.status()).as(archived.raw()).isEqualTo(200);
        assertThat(http.get("lead", AGREEMENT_PATH).text("status")).isEqualTo("ARCHIVED");
        assertThat(http.get("lead", "/api/ledgers/responsibilities?status=ARCHIVED&agreementId=" + AGREEMENT)
                .body().get("content")).hasSize(2);
        Answer closed = http.post("lead", COMMANDS + "/tasks/task-1/progress-reports", body("percent", 80,
                "note", "继续"));
        assertThat(closed.text("rule")).isEqualTo("ArchivedAgreementIsClosed");

        // Unknown ids are simply not found.
        assertThat(http.get("lead", "/api/ledgers/responsibilities/no-such-agreement").status()).isEqualTo(404);
        assertThat(http.get("lead", "/api/ledgers/tasks/no-such-task").status()).isEqualTo(404);
        // Malformed reads and writes are 400s, never 500s.
        assertThat(http.get("lead", "/api/ledgers/responsibilities?sort=nope").status()).isEqualTo(400);
        assertThat(http.get("lead", "/api/ledgers/responsibilities?period=abc").status()).isEqualTo(400);
        assertThat(http.get("lead", "/api/ledgers/responsibilities?period=20260").status()).isEqualTo(400);
        assertThat(http.get("lead", "/api/ledgers/tasks?status=DONE").status()).isEqualTo(400);
        assertThat(http.get("lead", "/api/ledgers/tasks?dueFrom=2026-02-01&dueTo=2026-01-01").status())
                .isEqualTo(400);
        assertThat(http.get("lead", AGREEMENT_PATH + "?asOf=yesterday").status()).isEqualTo(400);
        assertThat(http.post("supervisor", "/api/agreements", body("title", "缺日期")).status()).isEqualTo(400);
        assertThat(http.post("supervisor", COMMANDS + "/assessment", body("scores", List.of(
                body("itemId", "item-1", "score", -1)), "grade", "GOOD")).status()).isEqualTo(400);
        assertThat(http.post("supervisor", "/api/agreements/bad%20id!/signatures", body("party", "ISSUER",
                "signerName", "x", "signedOn", today.toString())).status()).isIn(400, 404);
    }
}
