package org.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/** GET /api/{kind}/{id}/history from the event store, and the audit log's filters and paging. */
class HistoryAndAuditLogTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    AuditFixtures fixtures;

    @BeforeEach
    void units() throws Exception {
        fixtures = new AuditFixtures(mvc);
        fixtures.registerUnits();
    }

    @Test
    void theHistoryOfAnIssueShowsEveryStoredEventWithActorReasonAndCorrelationId() throws Exception {
        assertThat(fixtures.registerIssue("issue-hist-1", "corr-hist-register").getStatus()).isEqualTo(201);
        assertThat(fixtures.acknowledge("issue-hist-1", "已签收，立即整改", "corr-hist-ack").getStatus()).isEqualTo(200);

        JsonNode history = fixtures.readJson("auditor", "/api/issues/issue-hist-1/history");
        assertThat(history).hasSize(2);
        JsonNode registered = history.get(0);
        assertThat(registered.get("sequenceNumber").asLong()).isZero();
        assertThat(registered.get("type").asText()).isEqualTo("IssueRegistered");
        assertThat(registered.get("user").asText()).isEqualTo("supervisor");
        assertThat(registered.get("unit").asText()).isEqualTo("jgw");
        assertThat(registered.get("correlationId").asText()).isEqualTo("corr-hist-register");
        assertThat(registered.get("payload").get("title").asText()).isEqualTo("流动党员管理存在欠缺");
        assertThat(registered.get("payload").get("issueId").asText()).isEqualTo("issue-hist-1");
        assertThat(Instant.parse(registered.get("timestamp").asText())).isBefore(Instant.now().plusSeconds(1));
        JsonNode acknowledged = history.get(1);
        assertThat(acknowledged.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(acknowledged.get("type").asText()).isEqualTo("IssueAcknowledged");
        assertThat(acknowledged.get("user").asText()).isEqualTo("lead");
        assertThat(acknowledged.get("unit").asText()).isEqualTo("branch-1");
        assertThat(acknowledged.get("reason").asText()).isEqualTo("已签收，立即整改");
        assertThat(acknowledged.get("correlationId").asText()).isEqualTo("corr-hist-ack");

        JsonNode fromOne = fixtures.readJson("auditor", "/api/issues/issue-hist-1/history?fromSequence=1");
        assertThat(fromOne).hasSize(1);
        assertThat(fromOne.get(0).get("type").asText()).isEqualTo("IssueAcknowledged");
        assertThat(fixtures.read("auditor", "/api/issues/issue-hist-1/history?fromSequence=-1").getStatus())
                .isEqualTo(400);
    }

    @Test
    void theHistoryOfAnItemCarriesTheCorrelationIdOfEachRequestInEveryEventItCaused() throws Exception {
        fixtures.registerIssue("issue-hist-2", null);
        fixtures.acknowledge("issue-hist-2", "签收", null);
        assertThat(fixtures.planItem("issue-hist-2", "rect-hist-2", "corr-plan-2").getStatus()).isEqualTo(201);
        assertThat(fixtures.returnPlan("rect-hist-2", "措施不具体", "corr-return-2").getStatus()).isEqualTo(200);

        JsonNode history = fixtures.readJson("auditor", "/api/rectifications/rect-hist-2/history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("type").asText()).isEqualTo("RectificationPlanned");
        assertThat(history.get(0).get("correlationId").asText()).isEqualTo("corr-plan-2");
        assertThat(history.get(0).get("user").asText()).isEqualTo("lead");
        assertThat(history.get(1).get("type").asText()).isEqualTo("RectificationPlanReturned");
        assertThat(history.get(1).get("reason").asText()).isEqualTo("措施不具体");
        assertThat(history.get(1).get("unit").asText()).isEqualTo("jgw");
        assertThat(history.get(1).get("correlationId").asText()).isEqualTo("corr-return-2");

        // Planning an item also moved the issue (issue status follows its items): same request, same id.
        JsonNode issueHistory = fixtures.readJson("auditor", "/api/issues/issue-hist-2/history");
        List<String> planCorrelated = new ArrayList<>();
        issueHistory.forEach(event -> {
            if ("corr-plan-2".equals(event.path("correlationId").asText())) {
                planCorrelated.add(event.get("type").asText());
            }
        });
        assertThat(planCorrelated).isNotEmpty();
    }

    @Test
    void anIdAskedAsTheWrongKindOrUnknownIsNotFound() throws Exception {
        fixtures.registerIssue("issue-hist-3", null);
        assertThat(fixtures.read("auditor", "/api/rectifications/issue-hist-3/history").getStatus()).isEqualTo(404);
        assertThat(fixtures.read("auditor", "/api/issues/no-such-issue/history").getStatus()).isEqualTo(404);
        assertThat(fixtures.read("auditor", "/api/widgets/issue-hist-3/history").getStatus()).isEqualTo(404);
        assertThat(fixtures.read("auditor", "/api/issues/issue-hist-3/history").getContentType())
                .startsWith("application/json");
    }

    @Test
    void theAuditLogFiltersByUserUnitTypeTimeAndAggregateNewestFirstInPages() throws Exception {
        Instant before = Instant.now().minusMillis(5);
        fixtures.registerIssue("issue-log-1", "corr-log-1");
        fixtures.acknowledge("issue-log-1", "签收", "corr-log-2");
        fixtures.planItem("issue-log-1", "rect-log-1", "corr-log-3");
        fixtures.approvePlan("rect-log-1", "corr-log-4");
        Instant after = Instant.now().plusMillis(5);

        JsonNode all = fixtures.readJson("auditor", "/api/audit/events?aggregateId=issue-log-1&size=50");
        List<String> issueTypes = types(all);
        assertThat(issueTypes.get(issueTypes.size() - 1)).isEqualTo("IssueRegistered");
        assertThat(issueTypes).contains("IssueAcknowledged");
        assertThat(all.get("page").get("totalElements").asLong()).isEqualTo(issueTypes.size());
        assertNewestFirst(all);
        JsonNode first = all.get("content").get(all.get("content").size() - 1);
        assertThat(first.get("aggregateType").asText()).isEqualTo("Issue");
        assertThat(first.get("sequenceNumber").asLong()).isZero();
        assertThat(first.get("user").asText()).isEqualTo("supervisor");
        assertThat(first.get("unit").asText()).isEqualTo("jgw");
        assertThat(first.get("correlationId").asText()).isEqualTo("corr-log-1");
        assertThat(first.get("payload").get("title").asText()).isEqualTo("流动党员管理存在欠缺");
        assertThat(first.get("globalIndex").asLong()).isPositive();

        JsonNode byLead = fixtures.readJson("auditor", "/api/audit/events?user=lead&aggregateId=issue-log-1");
        // The lead acknowledged, and planning an item recorded it on the issue (by the issue-status policy).
        assertThat(types(byLead)).containsExactly("RectificationItemAdded", "IssueAcknowledged");
        JsonNode byUnit = fixtures.readJson("auditor", "/api/audit/events?unit=jgw&aggregateId=rect-log-1");
        assertThat(types(byUnit)).containsExactly("RectificationPlanApproved");
        JsonNode byTypes = fixtures.readJson("auditor", "/api/audit/events?type=RectificationPlanned"
                + "&type=RectificationPlanApproved&from=" + before + "&to=" + after + "&size=200");
        assertThat(types(byTypes)).containsSubsequence("RectificationPlanApproved", "RectificationPlanned");
        assertThat(types(byTypes)).allMatch(t -> t.equals("RectificationPlanned")
                || t.equals("RectificationPlanApproved"));
        byTypes.get("content").forEach(event -> {
            Instant at = Instant.parse(event.get("timestamp").asText());
            assertThat(at).isAfterOrEqualTo(before).isBefore(after);
        });
        JsonNode nothingLater = fixtures.readJson("auditor", "/api/audit/events?aggregateId=issue-log-1&from="
                + after);
        assertThat(nothingLater.get("content")).isEmpty();
        assertThat(nothingLater.get("page").get("totalElements").asLong()).isZero();

        // Paging: one event a page, newest first, pages together give the whole list.
        List<String> paged = new ArrayList<>();
        for (int page = 0; page < issueTypes.size(); page++) {
            JsonNode one = fixtures.readJson("auditor", "/api/audit/events?aggregateId=issue-log-1&size=1&page="
                    + page);
            assertThat(one.get("page").get("totalPages").asInt()).isEqualTo(issueTypes.size());
            assertThat(one.get("page").get("number").asInt()).isEqualTo(page);
            paged.addAll(types(one));
        }
        assertThat(paged).isEqualTo(issueTypes);

        assertThat(fixtures.read("auditor", "/api/audit/events?size=0").getStatus()).isEqualTo(400);
        assertThat(fixtures.read("auditor", "/api/audit/events?page=-1").getStatus()).isEqualTo(400);
        assertThat(fixtures.read("auditor", "/api/audit/events?from=yesterday").getStatus()).isEqualTo(400);
        assertThat(fixtures.read("auditor", "/api/audit/events?from=" + after + "&to=" + before).getStatus())
                .isEqualTo(400);
    }

    private static List<String> types(JsonNode page) {
        List<String> types = new ArrayList<>();
        page.get("content").forEach(event -> types.add(event.get("type").asText()));
        return types;
    }

    private static void assertNewestFirst(JsonNode page) {
        long previous = Long.MAX_VALUE;
        for (JsonNode event : page.get("content")) {
            long index = event.get("globalIndex").asLong();
            assertThat(index).isLessThan(previous);
            previous = index;
        }
    }
}
