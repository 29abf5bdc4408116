package org.ledger.app.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.TestUnits;
import org.ledger.app.audit.AuditFixtures;
import org.ledger.command.support.AppendedEvent;
import org.ledger.command.support.ReadYourWrites;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A real projection failing on one event: the issue ledger's table is sabotaged with a CHECK constraint that
 * refuses one title, so its handler fails on that issue's registration only. The ledger keeps serving the other
 * issues, the event waits in the dead-letter queue where the admin endpoints and the health show it, and once the
 * constraint is gone a retry applies it (and the events of the same issue that queued behind it, in order). Runs on
 * H2 and on PostgreSQL (whose transactions refuse every statement after an error).
 */
class DeadLetterEndToEndTest extends AppTestSupport {

    private static final String LETTERS = "/api/admin/dead-letters/issue-ledger";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ReadYourWrites readYourWrites;
    @Autowired
    @Qualifier("deadLetters")
    HealthIndicator deadLettersHealth;

    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String constraint = "dlq_poison_" + run;
    private final String poisonTitle = "投毒标题" + run;
    private final List<String> poisoned = new ArrayList<>();
    private AuditFixtures fixtures;

    @BeforeEach
    void sabotageTheIssueLedger() {
        fixtures = new AuditFixtures(mvc);
        TestUnits.ensure(mvc);
        jdbc.execute("alter table issue_ledger add constraint " + constraint + " check (title <> '" + poisonTitle
                + "')");
    }

    @AfterEach
    void repair() {
        jdbc.execute("alter table issue_ledger drop constraint if exists " + constraint);
        for (String issue : poisoned) {
            jdbc.update("delete from dead_letter_entry where sequence_identifier = ?", issue);
        }
    }

    @Test
    void aFailingEventWaitsInTheQueueWhileTheLedgerServesTheOthersAndARetryAppliesItOnceFixed() throws Exception {
        String before = issue("before");
        String poison = poisonedIssue("poison");
        String after = issue("after");

        // The ledger keeps serving: the issues around the poisoned one are there, the poisoned one is not.
        assertThat(ledgerStatus(before)).isEqualTo(200);
        assertThat(ledgerStatus(after)).isEqualTo(200);
        assertThat(ledgerStatus(poison)).isEqualTo(404);
        // The processors went past the poisoned event: a command waiting for it is answered at once, not after the
        // read-your-writes timeout (await answers false only when it times out).
        assertThat(readYourWrites.await(List.of(new AppendedEvent(poison, 0)))).isTrue();

        List<JsonNode> letters = letters(poison);
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.get("group").asText()).isEqualTo("issue-ledger");
        assertThat(letter.get("sequenceIdentifier").asText()).isEqualTo(poison);
        assertThat(letter.get("eventType").asText()).isEqualTo("IssueRegistered");
        assertThat(letter.get("aggregateSequence").asLong()).isZero();
        assertThat(letter.get("globalIndex").asLong()).isEqualTo(globalIndex(poison, 0));
        assertThat(letter.get("causeType").asText()).isNotBlank();
        assertThat(letter.get("causeMessage").asText()).containsIgnoringCase(constraint);
        assertThat(letter.get("enqueuedAt").isNull()).isFalse();
        assertThat(letter.get("lastTouched").isNull()).isFalse();
        assertThat(letter.get("retries").asInt()).isZero();
        assertThat(count("issue-ledger")).isEqualTo(1);
        assertThat(count("rectification-ledger")).as("the other projections applied it").isZero();

        // Health: DEGRADED (not DOWN), answered 200 so that a load balancer keeps the node.
        Health health = deadLettersHealth.health();
        assertThat(health.getStatus().getCode()).isEqualTo("DEGRADED");
        assertThat(health.getDetails()).containsEntry("issue-ledger", 1L);
        MockHttpServletResponse overall = anonymousHealth();
        assertThat(overall.getStatus()).isEqualTo(200);
        assertThat(AuditFixtures.JSON.readTree(overall.getContentAsByteArray()).get("status").asText())
                .isEqualTo("DEGRADED");

        // A retry before the cause is fixed: still failing, one more retry counted, nothing applied.
        JsonNode failed = retry();
        assertThat(failed.get("handled").asLong()).isZero();
        assertThat(failed.get("stillFailing").asLong()).isEqualTo(1);
        assertThat(letters(poison)).singleElement().satisfies(l -> assertThat(l.get("retries").asInt()).isEqualTo(1));
        assertThat(ledgerStatus(poison)).isEqualTo(404);

        jdbc.execute("alter table issue_ledger drop constraint " + constraint);
        JsonNode fixed = retry();
        assertThat(fixed.get("handled").asLong()).isEqualTo(1);
        assertThat(fixed.get("stillFailing").asLong()).isZero();
        JsonNode row = fixtures.readJson("supervisor", "/api/ledgers/issues/" + poison);
        assertThat(row.get("title").asText()).isEqualTo(poisonTitle);
        assertThat(letters(poison)).isEmpty();
        assertThat(count("issue-ledger")).isZero();
        assertThat(deadLettersHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(AuditFixtures.JSON.readTree(anonymousHealth().getContentAsByteArray()).get("status").asText())
                .isEqualTo("UP");
    }

    @Test
    void laterEventsOfTheSameIssueQueueBehindTheFailedOneAndApplyInOrderOnRetry() throws Exception {
        String poison = poisonedIssue("sequence");
        assertThat(fixtures.acknowledge(poison, "签收", null).getStatus()).isEqualTo(200);
        String other = issue("other");
        assertThat(fixtures.acknowledge(other, "签收", null).getStatus()).isEqualTo(200);

        // The acknowledgement would apply cleanly, yet it waits behind the registration; another issue does not.
        List<JsonNode> letters = letters(poison);
        assertThat(letters).extracting(l -> l.get("eventType").asText())
                .containsExactly("IssueRegistered", "IssueAcknowledged");
        assertThat(letters).extracting(l -> l.get("aggregateSequence").asLong()).containsExactly(0L, 1L);
        assertThat(letters.get(1).get("causeType").isNull()).as("queued behind, not failed itself").isTrue();
        assertThat(currentStatus(other)).isEqualTo("ACKNOWLEDGED");
        assertThat(ledgerStatus(poison)).isEqualTo(404);

        jdbc.execute("alter table issue_ledger drop constraint " + constraint);
        JsonNode outcome = retry();
        assertThat(outcome.get("handled").asLong()).isEqualTo(2);
        assertThat(outcome.get("stillFailing").asLong()).isZero();
        assertThat(jdbc.queryForList("select version from issue_ledger where id = ? order by valid_from, version",
                Long.class, poison)).containsExactly(0L, 1L);
        assertThat(currentStatus(poison)).isEqualTo("ACKNOWLEDGED");
        assertThat(letters(poison)).isEmpty();
    }

    @Test
    void inAOneSequenceProjectionEveryLaterEventQueuesBehindTheFailedOneAndAppliesInOrderOnRetry() throws Exception {
        String ledger = "/api/admin/dead-letters/rectification-ledger";
        String rectificationConstraint = "dlq_poison_rect_" + run;
        String poisonMeasure = "投毒措施" + run;
        String issue = issue("one-sequence");
        assertThat(fixtures.acknowledge(issue, "签收", null).getStatus()).isEqualTo(200);
        jdbc.execute("alter table rectification_ledger add constraint " + rectificationConstraint
                + " check (measure <> '" + poisonMeasure + "')");
        try {
            String poisonedItem = planItem(issue, "rect-poison", poisonMeasure);
            String laterItem = planItem(issue, "rect-later", "建立流动党员微信群");

            // The later item would apply cleanly, yet it waits: the rectification ledger has one sequence.
            List<JsonNode> letters = new ArrayList<>();
            fixtures.readJson("admin", ledger).forEach(letters::add);
            assertThat(letters).extracting(l -> l.get("sequenceIdentifier").asText())
                    .containsOnly("rectification-ledger");
            assertThat(letters).extracting(l -> l.get("aggregateId").asText()).contains(poisonedItem, laterItem);
            assertThat(fixtures.read("supervisor", "/api/ledgers/rectifications/" + laterItem).getStatus())
                    .isEqualTo(404);
            assertThat(jdbc.queryForObject("select count(*) from issue_ledger_item where issue_id = ?", Integer.class,
                    issue)).as("the issue ledger goes on").isEqualTo(2);

            jdbc.execute("alter table rectification_ledger drop constraint " + rectificationConstraint);
            MockHttpServletResponse retried = fixtures.send("admin", HttpMethod.POST, ledger + "/retry", Map.of(),
                    null);
            JsonNode outcome = AuditFixtures.JSON.readTree(retried.getContentAsByteArray());
            assertThat(outcome.get("handled").asLong()).isEqualTo(letters.size());
            assertThat(outcome.get("stillFailing").asLong()).isZero();
            assertThat(fixtures.readJson("supervisor", "/api/ledgers/rectifications/" + poisonedItem)
                    .get("measure").asText()).isEqualTo(poisonMeasure);
            assertThat(fixtures.read("supervisor", "/api/ledgers/rectifications/" + laterItem).getStatus())
                    .isEqualTo(200);
            assertThat(fixtures.readJson("admin", ledger)).isEmpty();
        } finally {
            jdbc.execute("alter table rectification_ledger drop constraint if exists " + rectificationConstraint);
            jdbc.update("delete from dead_letter_entry where processing_group = 'rectification-ledger'");
        }
    }

    @Test
    void anEvictedLetterIsNeverAppliedAndUnknownLettersOrQueuesAnswer404() throws Exception {
        String poison = poisonedIssue("evict");
        assertThat(fixtures.acknowledge(poison, "签收", null).getStatus()).isEqualTo(200);
        List<JsonNode> letters = letters(poison);
        assertThat(letters).hasSize(2);

        MockHttpServletResponse one = fixtures.send("admin", HttpMethod.DELETE,
                LETTERS + "/letters/" + letters.get(1).get("eventId").asText(), Map.of(), null);
        assertThat(one.getStatus()).isEqualTo(200);
        assertThat(letters(poison)).extracting(l -> l.get("eventType").asText()).containsExactly("IssueRegistered");
        MockHttpServletResponse sequence = fixtures.send("admin", HttpMethod.DELETE,
                LETTERS + "/sequences/" + poison, Map.of(), null);
        assertThat(sequence.getStatus()).isEqualTo(200);
        assertThat(AuditFixtures.JSON.readTree(sequence.getContentAsByteArray()).get("evicted").asInt()).isEqualTo(1);
        assertThat(letters(poison)).isEmpty();

        jdbc.execute("alter table issue_ledger drop constraint " + constraint);
        assertThat(retry().get("handled").asLong()).isZero();
        assertThat(ledgerStatus(poison)).as("evicted: never applied").isEqualTo(404);

        assertProblem(fixtures.send("admin", HttpMethod.DELETE, LETTERS + "/sequences/" + poison, Map.of(), null));
        assertProblem(fixtures.send("admin", HttpMethod.DELETE, LETTERS + "/letters/no-such-event", Map.of(), null));
        assertProblem(fixtures.read("admin", "/api/admin/dead-letters/integrity-chain"));
        assertProblem(fixtures.send("admin", HttpMethod.POST, "/api/admin/dead-letters/no-such-group/retry",
                Map.of(), null));
    }

    @Test
    void aRebuildDropsTheGroupsLettersBecauseItsReplayAppliesThoseEventsAgain() throws Exception {
        String poison = poisonedIssue("rebuild");
        assertThat(letters(poison)).hasSize(1);
        jdbc.execute("alter table issue_ledger drop constraint " + constraint);

        assertThat(fixtures.rebuild("admin", "issue-ledger").getStatus()).isEqualTo(202);
        fixtures.awaitIdle(jdbc);

        assertThat(letters(poison)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from issue_ledger where id = ?", Integer.class, poison))
                .as("applied once, by the replay").isEqualTo(1);
        assertThat(retry().get("handled").asLong()).isZero();
    }

    /**
     * A rebuild replays from one read of the store shared by the projections (SharedReadRebuild), in chunks far larger
     * than a processor's batch: the event that fails there is dead-lettered as the processor would do it, and the
     * rest of its chunk and of the store is rebuilt.
     */
    @Test
    void aRebuildThatMeetsAFailingEventDeadLettersItAndRebuildsTheRest() throws Exception {
        String before = issue("rebuild-before");
        String poison = poisonedIssue("rebuild-poison");
        String after = issue("rebuild-after");
        fixtures.awaitIdle(jdbc);
        assertThat(letters(poison)).hasSize(1);

        assertThat(fixtures.rebuild("admin", "issue-ledger").getStatus()).isEqualTo(202);
        fixtures.awaitIdle(jdbc);

        assertThat(letters(poison)).as("dead-lettered again by the replay").hasSize(1);
        assertThat(letters(poison).get(0).get("globalIndex").asLong()).isEqualTo(globalIndex(poison, 0));
        assertThat(ledgerStatus(before)).isEqualTo(200);
        assertThat(ledgerStatus(after)).isEqualTo(200);
        assertThat(ledgerStatus(poison)).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from issue_ledger where id in (?, ?) and valid_to is null",
                Integer.class, before, after)).isEqualTo(2);
    }

    private String issue(String name) throws Exception {
        return register(name, "正常问题" + run);
    }

    private String poisonedIssue(String name) throws Exception {
        String id = register(name, poisonTitle);
        poisoned.add(id);
        return id;
    }

    /** Registers an issue through the API; its 201 says the command was answered although a ledger failed. */
    private String register(String name, String title) throws Exception {
        String id = "dlq-" + run + "-" + name;
        MockHttpServletResponse response = fixtures.send("supervisor", HttpMethod.POST, "/api/issues", Map.of(
                "id", id, "title", title, "description", "死信队列测试。", "source", "SELF_EXAMINATION",
                "responsibleUnitId", "branch-1", "raisedByUnitId", "jgw",
                "foundOn", AuditFixtures.TODAY.minusDays(1).toString()), null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return id;
    }

    /** Plans a rectification item of the (acknowledged) issue, as the lead. */
    private String planItem(String issue, String name, String measure) throws Exception {
        String id = "dlq-" + run + "-" + name;
        MockHttpServletResponse response = fixtures.send("lead", HttpMethod.POST,
                "/api/issues/" + issue + "/rectifications", Map.of("id", id, "measure", measure,
                        "type", "WITHIN_DEADLINE", "ownerUnitId", "branch-1", "ownerName", "张明",
                        "deadline", AuditFixtures.TODAY.plusDays(30).toString()), null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(201);
        return id;
    }

    private int ledgerStatus(String issue) throws Exception {
        return fixtures.read("supervisor", "/api/ledgers/issues/" + issue).getStatus();
    }

    private String currentStatus(String issue) {
        return jdbc.queryForObject("select status from issue_ledger where id = ? and valid_to is null", String.class,
                issue);
    }

    private long globalIndex(String aggregate, long sequence) {
        return jdbc.queryForObject("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number = ?", Long.class, aggregate, sequence);
    }

    /** The issue ledger's letters of one issue, as the admin endpoint lists them. */
    private List<JsonNode> letters(String issue) throws Exception {
        List<JsonNode> letters = new ArrayList<>();
        for (JsonNode letter : fixtures.readJson("admin", LETTERS)) {
            if (issue.equals(letter.get("aggregateId").asText())) {
                letters.add(letter);
            }
        }
        return letters;
    }

    private long count(String group) throws Exception {
        for (JsonNode entry : fixtures.readJson("admin", "/api/admin/dead-letters")) {
            if (group.equals(entry.get("group").asText())) {
                return entry.get("letters").asLong();
            }
        }
        throw new AssertionError("no dead-letter queue for " + group);
    }

    private JsonNode retry() throws Exception {
        MockHttpServletResponse response = fixtures.send("admin", HttpMethod.POST, LETTERS + "/retry", Map.of(),
                null);
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return AuditFixtures.JSON.readTree(response.getContentAsByteArray());
    }

    /** What a load balancer sees: the open health endpoint, status only. */
    private MockHttpServletResponse anonymousHealth() throws Exception {
        return mvc.perform(get("/actuator/health")).andReturn().getResponse();
    }

    private static void assertProblem(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(404);
        assertThat(response.getContentType()).startsWith("application/problem+json");
    }
}
