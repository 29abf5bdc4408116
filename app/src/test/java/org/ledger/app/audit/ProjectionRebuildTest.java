package org.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Rebuilding projections: every ledger row (all temporal versions) comes back exactly as it was, the integrity
 * chain is not reset by 'all', only ADMIN may rebuild, and a ledger being rebuilt answers 503.
 */
class ProjectionRebuildTest extends AppTestSupport {

    /** Ledger table → its business key and version order (the surrogate row_id is left out of the comparison). */
    private static final Map<String, String> LEDGER_TABLES = Map.of(
            "issue_ledger", "id, valid_from, version",
            "issue_ledger_item", "rectification_id",
            "rectification_ledger", "id, valid_from, version",
            "rectification_ledger_issue", "issue_id",
            "audit_log", "global_index");

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

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
        awaitIdle();
        Map<String, List<Map<String, Object>>> before = snapshot();
        assertThat(before.get("rectification_ledger")).hasSizeGreaterThan(3);
        List<Map<String, Object>> chainBefore = jdbc.queryForList("select * from integrity_chain order by global_index");

        MockHttpServletResponse started = fixtures.rebuild("admin", "all");
        assertThat(started.getStatus()).isEqualTo(202);
        JsonNode rebuilding = AuditFixtures.JSON.readTree(started.getContentAsByteArray()).get("rebuilding");
        List<String> names = new ArrayList<>();
        rebuilding.forEach(n -> names.add(n.asText()));
        assertThat(names).contains("issue-ledger", "rectification-ledger", "audit-log").doesNotContain("integrity-chain");
        awaitIdle();

        Map<String, List<Map<String, Object>>> after = snapshot();
        for (String table : LEDGER_TABLES.keySet()) {
            assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
        }
        assertThat(jdbc.queryForList("select * from integrity_chain order by global_index")).isEqualTo(chainBefore);
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
        awaitIdle();
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
        awaitIdle();
        assertThat(fixtures.read("auditor", "/api/ledgers/issues/issue-rb-503").getStatus()).isEqualTo(200);
    }

    /** Until no projection is rebuilding and every one has reached the end of the event store. */
    private void awaitIdle() throws Exception {
        long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode projections = fixtures.readJson("admin", "/api/admin/projections");
            boolean idle = true;
            for (JsonNode p : projections) {
                if (p.get("rebuilding").asBoolean() || p.get("position").isNull()
                        || p.get("position").asLong() < head) {
                    idle = false;
                }
            }
            if (idle) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("projections did not catch up: " + projections);
            }
            Thread.sleep(20);
        }
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        LEDGER_TABLES.forEach((table, order) -> {
            List<String> columns = jdbc.queryForList("select column_name from information_schema.columns "
                    + "where lower(table_name) = ? and lower(column_name) <> 'row_id' order by ordinal_position",
                    String.class, table);
            String list = String.join(", ", columns);
            String orderBy = order;
            List<Map<String, Object>> rows = jdbc.queryForList("select " + list + " from " + table
                    + " order by " + orderBy);
            List<Map<String, Object>> normalised = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                Map<String, Object> copy = new LinkedHashMap<>();
                row.forEach((k, v) -> copy.put(k, v instanceof java.sql.Clob clob ? text(clob) : v));
                normalised.add(copy);
            }
            tables.put(table, normalised);
        });
        return tables;
    }

    private static String text(java.sql.Clob clob) {
        try {
            return clob.getSubString(1, (int) clob.length());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
