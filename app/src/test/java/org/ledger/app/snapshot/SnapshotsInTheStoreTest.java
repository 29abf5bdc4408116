package org.ledger.app.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.audit.AuditFixtures;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.rectification.RectificationCommands.ReportProgress;
import org.ledger.kernel.rectification.RectificationId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Snapshots in the real store (H2 here, PostgreSQL in the second run): an item with more events than the threshold
 * gets a snapshot row, and is then still decided and shown right; a snapshot of another revision (what an upgrade that
 * changed the item's fields leaves behind) is ignored, not read.
 */
class SnapshotsInTheStoreTest extends AppTestSupport {

    static final String ISSUE = "issue-snap-1";
    static final String ITEM = "rect-snap-1";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandGateway commands;

    @Value("${ledger.snapshots.threshold}")
    int threshold;

    @Test
    void aLongStreamIsSnapshottedAndStillDecidedAndShownRight() throws Exception {
        AuditFixtures fixtures = new AuditFixtures(mvc);
        fixtures.registerUnits();
        assertThat(fixtures.registerIssue(ISSUE, null).getStatus()).isEqualTo(201);
        assertThat(fixtures.acknowledge(ISSUE, "签收", null).getStatus()).isEqualTo(200);
        assertThat(fixtures.planItem(ISSUE, ITEM, null).getStatus()).isEqualTo(201);
        assertThat(fixtures.approvePlan(ITEM, null).getStatus()).isEqualTo(200);

        // More progress reports than the threshold, straight onto the command bus as the lead (HTTP would add only time).
        for (int report = 1; report <= threshold + 10; report++) {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ReportProgress(RectificationId.of(ITEM),
                            null, report % 100, "第" + report + "次进展", List.of(), AuditFixtures.TODAY))
                    .andMetaData(Map.of(MetadataKeys.USER, "lead", MetadataKeys.UNIT, "branch-1",
                            MetadataKeys.ROLES, "UNIT_LEAD")));
        }
        Long snapshotAt = jdbc.queryForObject(
                "select max(sequence_number) from snapshot_event_entry where aggregate_identifier = ?", Long.class, ITEM);
        // sequence numbers start at 0: a snapshot of at least 'threshold' events
        assertThat(snapshotAt).as("the sequence number of the item's latest snapshot").isNotNull()
                .isGreaterThanOrEqualTo(threshold - 1L);

        // Loaded from the snapshot and the events after it: reports, and decides on a pending extension.
        assertThat(post("lead", "/progress-reports", Map.of("percent", 77, "note", "快照之后")).getStatus())
                .isEqualTo(200);
        String proposed = AuditFixtures.TODAY.plusDays(60).toString();
        assertThat(post("lead", "/extension-requests",
                Map.of("id", "ext-snap-1", "reason", "延期", "proposedDeadline", proposed)).getStatus()).isEqualTo(201);
        MockHttpServletResponse second = post("lead", "/extension-requests",
                Map.of("id", "ext-snap-2", "reason", "再延期", "proposedDeadline", proposed));
        assertThat(second.getStatus()).isEqualTo(409);
        assertThat(second.getContentAsString()).contains("OneExtensionPendingAtATime");
        JsonNode row = fixtures.readJson("supervisor", "/api/ledgers/rectifications/" + ITEM);
        assertThat(row.get("progressPercent").asInt()).isEqualTo(77);
        assertThat(row.get("lastProgressNote").asText()).isEqualTo("快照之后");
        assertThat(row.get("pendingExtensionRequestId").asText()).isEqualTo("ext-snap-1");

        // An upgrade that changes the item's fields raises its @Revision: a snapshot of the old revision, whatever it
        // holds (here: a closed item), is ignored and the item is sourced from all its events.
        jdbc.update("update snapshot_event_entry set payload_revision = '0', payload = ? where aggregate_identifier = ?",
                "{\"status\":\"CLOSED\"}".getBytes(StandardCharsets.UTF_8), ITEM);
        assertThat(post("supervisor", "/extension-requests/ext-snap-1/approval", Map.of("comment", "同意"))
                .getStatus()).isEqualTo(200);
        row = fixtures.readJson("supervisor", "/api/ledgers/rectifications/" + ITEM);
        assertThat(row.get("effectiveDeadline").asText()).isEqualTo(proposed);
        assertThat(row.get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    private MockHttpServletResponse post(String user, String path, Object body) throws Exception {
        return new AuditFixtures(mvc).send(user, HttpMethod.POST, "/api/rectifications/" + ITEM + path, body, null);
    }
}
