package org.ledger.app.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.ledger.app.TestUnits;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Walks one issue over real HTTP from registration to 销号 and back through a reopening, reading both ledgers
 * after every step: what a supervisor and a branch secretary would see.
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
class IssueLifecycleEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void anIssueGoesFromRegistrationToClosureAndBackThroughAReopening() {
        HttpClientSupport http = new HttpClientSupport(port);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        String issuePath = "/api/ledgers/issues/issue-e2e-1";
        String itemPath = "/api/ledgers/rectifications/rect-e2e-1";
        // 0. The units the issue names: jgw → sqdw → branch-1.
        TestUnits.ensure(http, "supervisor");

        // 1. The supervising side registers an issue found in self-examination.
        Answer registered = http.post("supervisor", "/api/issues", body(
                "id", "issue-e2e-1",
                "title", "流动党员管理存在欠缺",
                "description", "部分流动党员长期未参加组织生活，联系方式更新不及时。",
                "source", "SELF_EXAMINATION",
                "sourceReference", "2026年上半年自查",
                "category", "组织建设",
                "severity", "MAJOR",
                "responsibleUnitId", "branch-1",
                "raisedByUnitId", "jgw",
                "foundOn", today.minusDays(3).toString()));
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.location()).endsWith(issuePath);
        assertThat(registered.text("id")).isEqualTo("issue-e2e-1");
        Answer issue = http.get("supervisor", issuePath);
        assertThat(issue.status()).isEqualTo(200);
        assertThat(issue.text("status")).isEqualTo("REGISTERED");
        assertThat(issue.text("title")).isEqualTo("流动党员管理存在欠缺");
        assertThat(issue.etag()).isEqualTo("\"0\"");

        // A retried create with the same id does not create a second issue.
        Answer again = http.post("supervisor", "/api/issues", body(
                "id", "issue-e2e-1", "title", "重复", "description", "重复", "source", "OTHER",
                "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw", "foundOn", today.toString()));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("rule")).isEqualTo("AlreadyExists");
        assertThat(http.get("supervisor", issuePath).text("title")).isEqualTo("流动党员管理存在欠缺");

        // 2. The branch acknowledges it, guarded by the version it read.
        Answer acknowledged = http.post("lead", "/api/issues/issue-e2e-1/acknowledgement",
                body("reason", "已签收"), issue.etag());
        assertThat(acknowledged.status()).isEqualTo(200);
        assertThat(acknowledged.etag()).isEqualTo("\"1\"");
        assertThat(http.get("lead", issuePath).text("status")).isEqualTo("ACKNOWLEDGED");
        // A write with a stale version is refused and changes nothing.
        Answer stale = http.post("lead", "/api/issues/issue-e2e-1/acknowledgement", body(), "\"0\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(http.get("lead", issuePath).etag()).isEqualTo("\"1\"");

        // 3. Root cause, revised once; the ledger shows the latest revision.
        assertThat(http.put("lead", "/api/issues/issue-e2e-1/root-cause",
                body("analysis", "底数不清")).status()).isEqualTo(200);
        assertThat(http.put("lead", "/api/issues/issue-e2e-1/root-cause",
                body("analysis", "对流动党员底数掌握不清，缺少常态化联系机制。")).status()).isEqualTo(200);
        issue = http.get("lead", issuePath);
        assertThat(issue.text("rootCause")).isEqualTo("对流动党员底数掌握不清，缺少常态化联系机制。");
        assertThat(issue.body().get("rootCauseRevision").asInt()).isEqualTo(2);

        // 4. A rectification item is planned; the issue is now being rectified.
        LocalDate deadline = today.plusDays(30);
        Answer planned = http.post("lead", "/api/issues/issue-e2e-1/rectifications", body(
                "id", "rect-e2e-1",
                "measure", "建立流动党员微信群，每月推送学习资料",
                "type", "WITHIN_DEADLINE",
                "ownerUnitId", "branch-1",
                "ownerName", "张明",
                "leaderName", "李华",
                "deadline", deadline.toString(),
                "target", "联系率100%"));
        assertThat(planned.status()).isEqualTo(201);
        assertThat(planned.location()).endsWith(itemPath);
        Answer item = http.get("lead", itemPath);
        assertThat(item.text("status")).isEqualTo("PLANNED");
        assertThat(item.text("issueId")).isEqualTo("issue-e2e-1");
        assertThat(item.text("rootCause")).isEqualTo("对流动党员底数掌握不清，缺少常态化联系机制。");
        issue = http.get("lead", issuePath);
        assertThat(issue.text("status")).isEqualTo("RECTIFYING");
        assertThat(issue.body().get("itemCount").asInt()).isEqualTo(1);

        // 5. The supervising side approves the plan.
        assertThat(http.post("supervisor", "/api/rectifications/rect-e2e-1/plan-approval",
                body("comment", "同意")).status()).isEqualTo(200);
        assertThat(http.get("lead", itemPath).text("status")).isEqualTo("IN_PROGRESS");

        // 6. An evidence file is uploaded, then a progress report cites it.
        Answer evidence = http.upload("lead", "/api/rectifications/rect-e2e-1/evidence", "微信群截图.png",
                "image/png", HttpClientSupport.png(), Map.of("id", "ev-e2e-1"));
        assertThat(evidence.status()).isEqualTo(201);
        assertThat(evidence.text("id")).isEqualTo("ev-e2e-1");
        assertThat(evidence.text("sha256")).matches("[0-9a-f]{64}");
        assertThat(evidence.text("mediaType")).isEqualTo("image/png");
        assertThat(http.post("lead", "/api/rectifications/rect-e2e-1/progress-reports", body(
                "percent", 60, "note", "微信群已建立，38名流动党员入群", "evidenceIds", List.of("ev-e2e-1")))
                .status()).isEqualTo(200);
        item = http.get("lead", itemPath);
        assertThat(item.body().get("progressPercent").asInt()).isEqualTo(60);
        assertThat(item.body().get("evidenceCount").asInt()).isEqualTo(1);

        // 7. An extension is requested and approved: the effective deadline moves, the original stays.
        Answer extension = http.post("lead", "/api/rectifications/rect-e2e-1/extension-requests", body(
                "id", "ext-e2e-1", "reason", "流动党员分布较散", "proposedDeadline", deadline.plusDays(30).toString()));
        assertThat(extension.status()).isEqualTo(201);
        Answer selfApproval = http.post("lead",
                "/api/rectifications/rect-e2e-1/extension-requests/ext-e2e-1/approval", body());
        // the lead is refused before the self-decision rule is even reached: deciding is the supervising side's
        assertThat(selfApproval.status()).isEqualTo(403);
        assertThat(selfApproval.text("rule")).isEqualTo("ItemDecisionBySupervisorOfOwnerUnit");
        assertThat(http.post("supervisor", "/api/rectifications/rect-e2e-1/extension-requests/ext-e2e-1/approval",
                body("comment", "同意延期")).status()).isEqualTo(200);
        item = http.get("lead", itemPath);
        assertThat(item.text("originalDeadline")).isEqualTo(deadline.toString());
        assertThat(item.text("effectiveDeadline")).isEqualTo(deadline.plusDays(30).toString());

        // 8. Closure requested; the requester cannot verify it; the supervisor closes it (销号).
        assertThat(http.post("lead", "/api/rectifications/rect-e2e-1/closure-request", body(
                "statement", "微信群运行正常，联系率100%", "evidenceIds", List.of("ev-e2e-1"))).status())
                .isEqualTo(200);
        assertThat(http.get("lead", itemPath).text("status")).isEqualTo("CLOSURE_REQUESTED");
        // the branch cannot verify its own closure: the verifier comes from the supervising side (the rule that
        // the requester never verifies is checked in the fixture tests; here access refuses first)
        Answer selfVerification = http.post("lead", "/api/rectifications/rect-e2e-1/verification",
                body("outcome", "CLOSED", "comment", "自己核查"));
        assertThat(selfVerification.status()).isEqualTo(403);
        assertThat(selfVerification.text("rule")).isEqualTo("VerifierFromSupervisingSide");
        assertThat(selfVerification.contentType()).startsWith("application/problem+json");
        assertThat(http.get("lead", itemPath).text("status")).isEqualTo("CLOSURE_REQUESTED");
        assertThat(http.post("supervisor", "/api/rectifications/rect-e2e-1/verification",
                body("outcome", "CLOSED", "comment", "经核查，整改到位，同意销号")).status()).isEqualTo(200);
        item = http.get("lead", itemPath);
        assertThat(item.text("status")).isEqualTo("CLOSED");
        assertThat(item.text("closedOn")).isEqualTo(today.toString());
        issue = http.get("lead", issuePath);
        assertThat(issue.text("status")).isEqualTo("RESOLVED");
        assertThat(issue.body().get("closedItemCount").asInt()).isEqualTo(1);

        // 9. A look-back finds it rebounded: reopened with a new deadline, the issue is rectifying again.
        assertThat(http.post("supervisor", "/api/rectifications/rect-e2e-1/reopening", body(
                "reason", "回头看发现微信群已无人维护", "newDeadline", today.plusDays(60).toString(),
                "lookBackId", "lb-2026-h2")).status()).isEqualTo(200);
        item = http.get("lead", itemPath);
        assertThat(item.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(item.text("effectiveDeadline")).isEqualTo(today.plusDays(60).toString());
        assertThat(item.body().get("reopenCount").asInt()).isEqualTo(1);
        issue = http.get("lead", issuePath);
        assertThat(issue.text("status")).isEqualTo("RECTIFYING");
        assertThat(issue.body().get("closedItemCount").asInt()).isEqualTo(0);

        // The ledgers list what the single reads show.
        Answer rectifications = http.get("supervisor", "/api/ledgers/rectifications?issueId=issue-e2e-1");
        assertThat(rectifications.body().get("content")).hasSize(1);
        assertThat(rectifications.body().get("page").get("totalElements").asInt()).isEqualTo(1);
        Answer issues = http.get("supervisor", "/api/ledgers/issues?status=RECTIFYING&q=流动党员");
        assertThat(issues.body().get("content")).extracting(row -> row.get("id").asText())
                .containsExactly("issue-e2e-1");
    }

    @Test
    void badInputIsAProblemDetailAndChangesNothing() {
        HttpClientSupport http = new HttpClientSupport(port);

        Answer missingFields = http.post("supervisor", "/api/issues", body("id", "issue-bad-1", "source", "NOPE"));
        assertThat(missingFields.status()).isEqualTo(400);
        assertThat(missingFields.contentType()).startsWith("application/problem+json");

        Answer invalid = http.post("supervisor", "/api/issues", body("id", "issue-bad-1", "source", "OTHER"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").toString()).contains("title", "description", "foundOn");

        Answer malformed = http.postRaw("supervisor", "/api/issues", "{\"title\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.raw()).doesNotContain("Exception", "at org.");

        Answer traversal = http.get("supervisor", "/api/ledgers/issues/..%2F..%2Fetc%2Fpasswd");
        assertThat(traversal.status()).isIn(400, 404);

        assertThat(http.get("supervisor", "/api/ledgers/issues/issue-bad-1").status()).isEqualTo(404);
        assertThat(http.post("supervisor", "/api/rectifications/no-such-item/plan-approval", body()).status())
                .isEqualTo(404);

        Answer anonymous = http.post(null, "/api/issues", body("title", "x"));
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }
}
