package org.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ledger.kernel.MetadataKeys;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The audit log's rows carry each event's own position in the store — whether the event's tracking token names that
 * position, another event's, none that is stored, or the event has no token — and an event delivered again is
 * recorded once.
 */
@DataJpaTest
@Import({UnitTree.class, RememberedIds.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class AuditLogProjectionTest {

    @Autowired
    JdbcTemplate jdbc;

    private AuditLogProjection projection;

    @BeforeEach
    void store() {
        projection = new AuditLogProjection(jdbc, new ObjectMapper());
        jdbc.update("delete from audit_log");
        jdbc.update("delete from domain_event_entry");
        for (long index = 1; index <= 5; index++) {
            jdbc.update("insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, "
                            + "event_identifier, payload_revision, payload_type, time_stamp, type, meta_data, payload) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", index, index - 1, "issue-1", "event-" + index,
                    "1", "IssueRegistered", "2024-06-15T04:00:0" + index + "Z", "Issue",
                    "{}".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void eachRowCarriesItsEventsOwnPositionWhateverItsTokenNames() throws Exception {
        projection.on(tracked(1, 1)); // its own position
        projection.on(tracked(2, 1)); // the position of event 1, recorded already
        projection.on(tracked(3, 5)); // the position of event 5, not recorded yet
        projection.on(tracked(4, 99)); // no stored row
        projection.on(event(5)); // no token

        assertThat(recorded()).containsExactly("1 event-1 ana", "2 event-2 ana", "3 event-3 ana", "4 event-4 ana",
                "5 event-5 ana");
    }

    @Test
    void anEventDeliveredAgainIsRecordedOnce() throws Exception {
        projection.on(tracked(1, 1));
        projection.on(tracked(2, 2));
        projection.on(tracked(2, 2));
        projection.on(tracked(1, 5));
        projection.on(event(2));

        assertThat(recorded()).containsExactly("1 event-1 ana", "2 event-2 ana");
    }

    @Test
    void anEventThatIsNotStoredIsRefused() {
        EventMessage<?> stranger = new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(3),
                new GenericEventMessage<>(new GenericMessage<>("event-x", "payload", Map.of()), Instant::now));

        assertThatThrownBy(() -> projection.on(stranger)).hasMessageContaining("event-x is not in the event store");
        assertThat(recorded()).isEmpty();
    }

    private static EventMessage<?> event(long index) {
        return new GenericEventMessage<>(new GenericMessage<>("event-" + index, "payload " + index,
                Map.of(MetadataKeys.USER, "ana")), () -> Instant.parse("2024-06-15T04:00:00Z"));
    }

    private static EventMessage<?> tracked(long index, long tokenPosition) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(tokenPosition), event(index));
    }

    private List<String> recorded() {
        return jdbc.queryForList("select global_index || ' ' || event_id || ' ' || user_name from audit_log "
                + "order by global_index", String.class);
    }
}
