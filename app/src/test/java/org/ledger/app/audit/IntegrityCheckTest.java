package org.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.PostgresTestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The hash chain: intact after ordinary writes, broken at exactly the event whose row was changed or deleted. */
class IntegrityCheckTest extends AppTestSupport {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    AuditFixtures fixtures;

    @BeforeEach
    void units() throws Exception {
        fixtures = new AuditFixtures(mvc);
        fixtures.registerUnits();
    }

    @Test
    void aChangedOrDeletedEventRowBreaksTheChainAtExactlyThatEvent() throws Exception {
        fixtures.registerIssue("issue-int-1", null);
        fixtures.acknowledge("issue-int-1", "签收", null);
        fixtures.planItem("issue-int-1", "rect-int-1", null);
        fixtures.approvePlan("rect-int-1", null);

        JsonNode intact = caughtUpReport();
        assertThat(intact.get("status").asText()).isEqualTo("INTACT");
        assertThat(intact.get("firstMismatch").isNull()).isTrue();
        long total = jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
        assertThat(intact.get("eventsChecked").asLong()).isEqualTo(total);
        long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        assertThat(intact.get("head").get("globalIndex").asLong()).isEqualTo(head);
        assertThat(intact.get("head").get("hash").asText()).hasSize(64);

        // Someone edits the acknowledgement's stored payload directly in the database.
        Map<String, Object> acknowledged = jdbc.queryForMap("select global_index, event_identifier, payload "
                + "from domain_event_entry where aggregate_identifier = 'issue-int-1' and sequence_number = 1");
        long alteredIndex = ((Number) acknowledged.get("GLOBAL_INDEX")).longValue();
        byte[] original = jdbc.queryForObject("select payload from domain_event_entry where global_index = ?",
                byte[].class, alteredIndex);
        byte[] forged = new String(original, java.nio.charset.StandardCharsets.UTF_8)
                .replace("签收", "拒收").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(forged).isNotEqualTo(original);
        try {
            tamper("update domain_event_entry set payload = ? where global_index = ?", forged, alteredIndex);
            JsonNode broken = report();
            assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
            JsonNode mismatch = broken.get("firstMismatch");
            assertThat(mismatch.get("globalIndex").asLong()).isEqualTo(alteredIndex);
            assertThat(mismatch.get("eventIdentifier").asText()).isEqualTo(acknowledged.get("EVENT_IDENTIFIER"));
            assertThat(mismatch.get("aggregateId").asText()).isEqualTo("issue-int-1");
            assertThat(mismatch.get("sequenceNumber").asLong()).isEqualTo(1);
            assertThat(mismatch.get("expectedHash").asText()).isNotEqualTo(mismatch.get("actualHash").asText());
        } finally {
            tamper("update domain_event_entry set payload = ? where global_index = ?", original, alteredIndex);
        }
        assertThat(report().get("status").asText()).isEqualTo("INTACT");

        // Someone deletes the item's approval event.
        Map<String, Object> approved = jdbc.queryForMap("select * from domain_event_entry "
                + "where aggregate_identifier = 'rect-int-1' and sequence_number = 1");
        long deletedIndex = ((Number) approved.get("GLOBAL_INDEX")).longValue();
        try {
            tamper("delete from domain_event_entry where global_index = ?", deletedIndex);
            JsonNode broken = report();
            assertThat(broken.get("status").asText()).isEqualTo("BROKEN");
            assertThat(broken.get("firstMismatch").get("globalIndex").asLong()).isEqualTo(deletedIndex);
            assertThat(broken.get("firstMismatch").get("eventIdentifier").asText())
                    .isEqualTo(approved.get("EVENT_IDENTIFIER"));
            assertThat(broken.get("firstMismatch").get("actualHash").isNull()).isTrue();
        } finally {
            jdbc.update("insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, "
                            + "event_identifier, payload_revision, payload_type, time_stamp, type, meta_data, payload) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", approved.get("GLOBAL_INDEX"),
                    approved.get("SEQUENCE_NUMBER"), approved.get("AGGREGATE_IDENTIFIER"),
                    approved.get("EVENT_IDENTIFIER"), approved.get("PAYLOAD_REVISION"), approved.get("PAYLOAD_TYPE"),
                    approved.get("TIME_STAMP"), approved.get("TYPE"), bytes(approved.get("META_DATA")),
                    bytes(approved.get("PAYLOAD")));
        }
        assertThat(report().get("status").asText()).isEqualTo("INTACT");
    }

    /**
     * Changes the event table behind the application's back. On PostgreSQL the table refuses UPDATE and DELETE
     * (trigger of V1__axon.sql), so the forger must be a superuser who switches triggers off for its transaction.
     */
    private void tamper(String sql, Object... args) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            if (PostgresTestDatabase.enabled()) {
                jdbc.execute("set local session_replication_role = replica");
            }
            jdbc.update(sql, args);
        });
    }

    private static byte[] bytes(Object blob) throws Exception {
        if (blob == null || blob instanceof byte[]) {
            return (byte[]) blob;
        }
        java.sql.Blob sqlBlob = (java.sql.Blob) blob;
        return sqlBlob.getBytes(1, (int) sqlBlob.length());
    }

    /** The report once the integrity-chain projection has recorded every stored event. */
    private JsonNode caughtUpReport() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode report = report();
        while (report.get("unrecordedEvents").asLong() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            report = report();
        }
        assertThat(report.get("unrecordedEvents").asLong()).isZero();
        return report;
    }

    private JsonNode report() throws Exception {
        return fixtures.readJson("auditor", "/api/audit/integrity");
    }
}
