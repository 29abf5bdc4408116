package org.ledger.app.lookback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ledger.app.HttpClientSupport.body;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ledger.app.HttpClientSupport;
import org.ledger.app.HttpClientSupport.Answer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A look-back campaign (回头看) over real HTTP: three items are closed, the campaign draws all of them, and its
 * checks confirm one, reopen one and register a new issue for the third; the report shows it all.
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
class LookBackEndToEndTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("ledger.data-dir", () -> dataDir.toString());
    }

    @LocalServerPort
    int port;

    @Test
    void aCampaignReChecksClosedItemsAndActsOnWhatItFinds() {
        HttpClientSupport http = new HttpClientSupport(port);
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        registerUnits(http);
        List<String> items = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            items.add(closeAnItem(http, i, today));
        }

        Answer opened = http.post("supervisor", "/api/look-backs", body(
                "id", "lb-e2e", "name", "整改回头看", "unitIds", List.of("sqdw"),
                "closedFrom", today.minusDays(1).toString(), "closedTo", today.toString(), "seed", 20260701));
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.location()).endsWith("/api/look-backs/lb-e2e");
        Answer sampled = http.post("supervisor", "/api/look-backs/lb-e2e/sample", null);
        assertThat(sampled.status()).isEqualTo(200);
        JsonNode report = http.get("supervisor", "/api/look-backs/lb-e2e").body();
        assertThat(report.get("status").asText()).isEqualTo("SAMPLED");
        assertThat(report.get("candidateCount").asInt()).isEqualTo(3);
        assertThat(report.get("seed").asLong()).isEqualTo(20260701L);
        assertThat(report.get("sample")).extracting(row -> row.get("rectificationId").asText())
                .containsExactlyElementsOf(items);

        // an item outside the sample cannot be checked; completion waits for every check
        Answer notSampled = http.post("supervisor", "/api/look-backs/lb-e2e/checks", body(
                "rectificationId", "rect-nope", "outcome", "CONFIRMED", "finding", "无"));
        assertThat(notSampled.status()).isEqualTo(409);
        assertThat(notSampled.text("rule")).isEqualTo("CheckOnlySampledItems");
        assertThat(http.post("supervisor", "/api/look-backs/lb-e2e/completion", body("summary", "未完"))
                .text("rule")).isEqualTo("CompletionNeedsEveryCheck");

        assertThat(http.post("supervisor", "/api/look-backs/lb-e2e/checks", body(
                "rectificationId", items.get(0), "outcome", "CONFIRMED", "finding", "整改成果巩固")).status())
                .isEqualTo(200);
        assertThat(http.post("supervisor", "/api/look-backs/lb-e2e/checks", body(
                "rectificationId", items.get(1), "outcome", "REBOUNDED", "finding", "微信群已无人维护",
                "newDeadline", today.plusDays(45).toString())).status()).isEqualTo(200);
        assertThat(http.post("supervisor", "/api/look-backs/lb-e2e/checks", body(
                "rectificationId", items.get(2), "outcome", "NEW_ISSUE", "finding", "结对帮扶记录不全")).status())
                .isEqualTo(200);
        assertThat(http.post("supervisor", "/api/look-backs/lb-e2e/completion",
                body("summary", "抽查3项：1项巩固，1项反弹，1项发现新问题")).status()).isEqualTo(200);

        // the rebounded item is reopened through its own command, with the look-back as its reason
        Answer reopened = http.get("supervisor", "/api/ledgers/rectifications/" + items.get(1));
        assertThat(reopened.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(reopened.text("effectiveDeadline")).isEqualTo(today.plusDays(45).toString());
        assertThat(reopened.body().get("reopenCount").asInt()).isEqualTo(1);
        assertThat(http.get("supervisor", "/api/ledgers/issues/issue-lb-2").text("status")).isEqualTo("RECTIFYING");
        // the new finding is an issue with source LOOK_BACK for the item's owner
        Answer newIssue = http.get("supervisor", "/api/ledgers/issues/lb-e2e-" + items.get(2));
        assertThat(newIssue.status()).isEqualTo(200);
        assertThat(newIssue.text("source")).isEqualTo("LOOK_BACK");
        assertThat(newIssue.text("description")).isEqualTo("结对帮扶记录不全");
        assertThat(newIssue.text("responsibleUnitId")).isEqualTo("branch-1");
        assertThat(newIssue.text("raisedByUnitId")).isEqualTo("jgw");

        report = http.get("supervisor", "/api/look-backs/lb-e2e").body();
        assertThat(report.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(report.get("confirmed").asInt()).isEqualTo(1);
        assertThat(report.get("rebounded").asInt()).isEqualTo(1);
        assertThat(report.get("newIssues").asInt()).isEqualTo(1);
        assertThat(report.get("unchecked").asInt()).isZero();
        assertThat(report.get("reopenedItems")).extracting(JsonNode::asText).containsExactly(items.get(1));
        assertThat(report.get("newIssueIds")).extracting(JsonNode::asText).containsExactly("lb-e2e-" + items.get(2));
        assertThat(report.get("summary").asText()).isEqualTo("抽查3项：1项巩固，1项反弹，1项发现新问题");
        // a completed campaign is closed
        assertThat(http.post("supervisor", "/api/look-backs/lb-e2e/completion", body("summary", "再来"))
                .text("rule")).isEqualTo("CompletedLookBackIsClosed");
    }

    private static void registerUnits(HttpClientSupport http) {
        http.post("admin", "/api/units", body("id", "jgw", "name", "环湖街工委", "kind", "WORKING_COMMITTEE"));
        http.post("supervisor", "/api/units", body("id", "sqdw", "name", "向阳里社区党委", "kind", "COMMUNITY_COMMITTEE",
                "parentId", "jgw"));
        http.post("supervisor", "/api/units", body("id", "branch-1", "name", "第一党支部", "kind", "BRANCH",
                "parentId", "sqdw"));
    }

    /** Registers issue-lb-N with item rect-lb-N and walks it to 销号 today; answers the item id. */
    private static String closeAnItem(HttpClientSupport http, int n, LocalDate today) {
        String issue = "issue-lb-" + n;
        String item = "rect-lb-" + n;
        assertThat(http.post("supervisor", "/api/issues", body("id", issue, "title", "问题" + n,
                "description", "描述" + n, "source", "SELF_EXAMINATION", "responsibleUnitId", "branch-1",
                "raisedByUnitId", "jgw", "foundOn", today.minusDays(10).toString())).status()).isEqualTo(201);
        assertThat(http.post("lead", "/api/issues/" + issue + "/acknowledgement", body()).status()).isEqualTo(200);
        assertThat(http.post("lead", "/api/issues/" + issue + "/rectifications", body("id", item, "measure", "措施" + n,
                "type", "IMMEDIATE", "ownerUnitId", "branch-1", "ownerName", "张明",
                "deadline", today.plusDays(5).toString())).status()).isEqualTo(201);
        assertThat(http.post("supervisor", "/api/rectifications/" + item + "/plan-approval", body()).status())
                .isEqualTo(200);
        assertThat(http.upload("lead", "/api/rectifications/" + item + "/evidence", "记录.pdf", "application/pdf",
                HttpClientSupport.pdf("记录" + n), Map.of("id", "ev-" + n)).status()).isEqualTo(201);
        assertThat(http.post("lead", "/api/rectifications/" + item + "/closure-request", body("statement", "已完成",
                "evidenceIds", List.of("ev-" + n))).status()).isEqualTo(200);
        assertThat(http.post("supervisor", "/api/rectifications/" + item + "/verification", body("outcome", "CLOSED",
                "comment", "同意销号")).status()).isEqualTo(200);
        return item;
    }
}
