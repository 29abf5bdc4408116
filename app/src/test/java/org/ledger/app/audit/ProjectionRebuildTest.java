package org.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingModule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.ProjectionTables;
import org.ledger.query.support.UninterruptedStops;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Rebuilding projections: every ledger row (all temporal versions) comes back exactly as it was, the integrity
 * chain is not reset by 'all', only ADMIN may rebuild, and a ledger being rebuilt answers 503.
 */
class ProjectionRebuildTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingModule eventProcessingModule;

    AuditFixtures fixtures;

    @BeforeEach
    void units() throws Exception {
        fixtures = new AuditFixtures(mvc);
        fixtures.registerUnits();
    }

    @Test
    void rebuildingAllGivesBackEveryLedgerRowByRowAndLeavesTheIntegrityChainAlone() throws Exception {
        for (int i = 1; i <= 3; i++) {
            fixtures.registerIssue("issue-rb-" + i, null);
            fixtures.acknowledge("issue-rb-" + i, "签收", null);
            fixtures.planItem("issue-rb-" + i, "rect-rb-" + i, null);
            if (i != 2) {
                fixtures.approvePlan("rect-rb-" + i, null);
            } else {
                fixtures.returnPlan("rect-rb-" + i, "措施不具体", null);
            }
        }
        // Touch every other ledger too, so that no comparison below is vacuous: evidence and a closure (销号),
        // a look-back that samples and checks the closed item, an agreement with an item, a task and an issue
        // that names the item.
        expectStatus(201, attachEvidence("rect-rb-1", "ev-rb-1"));
        expectStatus(200, fixtures.send("lead", HttpMethod.POST, "/api/rectifications/rect-rb-1/closure-request",
                Map.of("statement", "已完成", "evidenceIds", List.of("ev-rb-1")), null));
        expectStatus(200, fixtures.send("supervisor", HttpMethod.POST, "/api/rectifications/rect-rb-1/verification",
                Map.of("outcome", "CLOSED", "comment", "同意销号"), null));
        expectStatus(201, fixtures.send("supervisor", HttpMethod.POST, "/api/look-backs", Map.of(
                "id", "lb-rb", "name", "整改回头看", "unitIds", List.of("branch-1"),
                "closedFrom", AuditFixtures.TODAY.toString(), "closedTo", AuditFixtures.TODAY.toString(),
                "samplePercent", 100, "seed", 42), null));
        expectStatus(200, fixtures.send("supervisor", HttpMethod.POST, "/api/look-backs/lb-rb/sample", Map.of(), null));
        expectStatus(200, fixtures.send("supervisor", HttpMethod.POST, "/api/look-backs/lb-rb/checks", Map.of(
                "rectificationId", "rect-rb-1", "outcome", "CONFIRMED", "finding", "整改成果巩固"), null));
        expectStatus(201, fixtures.send("supervisor", HttpMethod.POST, "/api/agreements", Map.of(
                "id", "agr-rb", "title", "第一党支部党建工作责任书",
                "periodStart", AuditFixtures.TODAY.minusMonths(6).toString(),
                "periodEnd", AuditFixtures.TODAY.plusMonths(6).toString(),
                "issuerUnitId", "sqdw", "responsibleUnitId", "branch-1"), null));
        expectStatus(201, fixtures.send("supervisor", HttpMethod.POST, "/api/agreements/agr-rb/items", Map.of(
                "id", "item-1", "category", "组织建设", "content", "严格落实“三会一课”制度", "weight", 100), null));
        expectStatus(201, fixtures.send("supervisor", HttpMethod.POST, "/api/agreements/agr-rb/items/item-1/tasks",
                Map.of("id", "task-1", "description", "每季度开展一次主题党日活动", "assigneeUnitId", "branch-1",
                        "assigneeName", "张明", "dueDate", AuditFixtures.TODAY.plusDays(30).toString()), null));
        expectStatus(201, fixtures.send("supervisor", HttpMethod.POST, "/api/issues", Map.of(
                "id", "issue-rb-agr", "title", "“三会一课”记录不规范", "description", "支委会记录缺少签名。",
                "source", "INSPECTION", "responsibleUnitId", "branch-1", "raisedByUnitId", "sqdw",
                "foundOn", AuditFixtures.TODAY.toString(),
                "responsibilityItem", Map.of("agreementId", "agr-rb", "itemId", "item-1")), null));
        fixtures.awaitIdle(jdbc);
        Map<String, List<Map<String, Object>>> before = snapshot();
        assertThat(before.get("rectification_ledger")).hasSizeGreaterThan(3);
        for (String table : ProjectionTables.LEDGER_TABLES.keySet()) {
            assertThat(before.get(table)).as(table + " before the rebuild").isNotEmpty();
        }
        List<Map<String, Object>> chainBefore = jdbc.queryForList("select * from integrity_chain order by global_index");

        MockHttpServletResponse started = fixtures.rebuild("admin", "all");
        assertThat(started.getStatus()).isEqualTo(202);
        JsonNode rebuilding = AuditFixtures.JSON.readTree(started.getContentAsByteArray()).get("rebuilding");
        List<String> names = new ArrayList<>();
        rebuilding.forEach(n -> names.add(n.asText()));
        assertThat(names).contains("issue-ledger", "rectification-ledger", "responsibility-ledger", "task-ledger",
                "unit-tree", "look-back-report", "rectification-statistics", "evidence", "audit-log")
                .doesNotContain("integrity-chain");
        fixtures.awaitIdle(jdbc);

        Map<String, List<Map<String, Object>>> after = snapshot();
        for (String table : ProjectionTables.LEDGER_TABLES.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        assertThat(jdbc.queryForList("select * from integrity_chain order by global_index")).isEqualTo(chainBefore);
    }

    /**
     * What a rebuild's stop does with a batch in progress is {@code UninterruptedStopsTest}'s (a batch longer than
     * Axon's 5 seconds finishes instead of being interrupted, which on H2 closed the database); this checks that the
     * application's processors are built by that module, not by the one Axon's auto-configuration would declare.
     */
    @Test
    void theProcessorsAreBuiltToFinishTheirBatchWhenARebuildStopsThem() {
        assertThat(eventProcessingModule).isInstanceOf(UninterruptedStops.class);
    }

    @Test
    void onlyAnAdminRebuildsAndOnlyKnownProjections() throws Exception {
        assertThat(fixtures.rebuild("supervisor", "all").getStatus()).isEqualTo(403);
        assertThat(fixtures.rebuild("auditor", "issue-ledger").getStatus()).isEqualTo(403);
        assertThat(fixtures.rebuild("admin", "no-such-ledger").getStatus()).isEqualTo(404);
        assertThat(fixtures.rebuild("admin", "issue-status-policy").getStatus()).isEqualTo(404);
        assertThat(fixtures.read("supervisor", "/api/admin/projections").getStatus()).isEqualTo(403);
        JsonNode projections = fixtures.readJson("admin", "/api/admin/projections");
        List<String> names = new ArrayList<>();
        projections.forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).contains("audit-log", "integrity-chain", "issue-ledger", "rectification-ledger");
        projections.forEach(p -> assertThat(p.get("rebuiltByAll").asBoolean())
                .isEqualTo(!"integrity-chain".equals(p.get("name").asText())));
    }

    /**
     * Holds a lock on an issue ledger row so that the rebuild's reset (which deletes the rows) waits: the ledger
     * is then deterministically "being rebuilt" and must answer 503, while the other ledger answers 200.
     */
    @Test
    void aLedgerBeingRebuiltAnswers503WithRetryAfter() throws Exception {
        fixtures.registerIssue("issue-rb-503", null);
        fixtures.awaitIdle(jdbc);
        CompletableFuture<MockHttpServletResponse> rebuild;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement();
                 ResultSet rows = statement.executeQuery("select * from issue_ledger for update")) {
                assertThat(rows.next()).isTrue();
            }
            rebuild = CompletableFuture.supplyAsync(() -> {
                try {
                    return fixtures.rebuild("admin", "issue-ledger");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            MockHttpServletResponse answer = fixtures.read("auditor", "/api/ledgers/issues");
            while (answer.getStatus() != 503 && System.nanoTime() < deadline) {
                Thread.sleep(10);
                answer = fixtures.read("auditor", "/api/ledgers/issues");
            }
            assertThat(answer.getStatus()).isEqualTo(503);
            assertThat(answer.getHeader("Retry-After")).isEqualTo("5");
            assertThat(answer.getContentType()).startsWith("application/problem+json");
            JsonNode problem = AuditFixtures.JSON.readTree(answer.getContentAsByteArray());
            assertThat(problem.get("detail").asText()).contains("ledger issue-ledger is being rebuilt");
            assertThat(fixtures.read("auditor", "/api/ledgers/issues/issue-rb-503").getStatus()).isEqualTo(503);
            assertThat(fixtures.read("auditor", "/api/ledgers/rectifications").getStatus()).isEqualTo(200);
            lock.rollback();
        }
        assertThat(rebuild.get(20, TimeUnit.SECONDS).getStatus()).isEqualTo(202);
        fixtures.awaitIdle(jdbc);
        assertThat(fixtures.read("auditor", "/api/ledgers/issues/issue-rb-503").getStatus()).isEqualTo(200);
    }

    /** Uploads a small real PDF as evidence {@code evidenceId} of the item (multipart, as the lead). */
    private MockHttpServletResponse attachEvidence(String itemId, String evidenceId) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.multipart("/api/rectifications/" + itemId + "/evidence")
                        .file(new MockMultipartFile("file", "整改记录.pdf", "application/pdf",
                                ("%PDF-1.4\n% " + evidenceId + "\n%%EOF\n").getBytes(StandardCharsets.UTF_8)))
                        .param("id", evidenceId)
                        .with(httpBasic("lead", "lead-pw")))
                .andReturn().getResponse();
    }

    private static void expectStatus(int status, MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(status);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        return ProjectionTables.snapshot(jdbc);
    }
}
