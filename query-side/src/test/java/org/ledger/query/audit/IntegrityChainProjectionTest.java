package org.ledger.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.GenericMessage;
import org.junit.jupiter.api.BeforeEach;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.unit.UnitTree;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The chain the projection records, batch by batch as a processor delivers them: always the chain of the stored rows
 * in global order — when a batch continues from the head it read once, when an event arrives after later ones (a
 * transaction that committed late), when an event comes again, after a batch that rolled back, and whatever position
 * an event's tracking token names.
 */
@DataJpaTest
@Import({IntegrityChainProjection.class, UnitTree.class, RememberedIds.class})
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class IntegrityChainProjectionTest {

    @Autowired
    IntegrityChainProjection projection;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    private final Map<Long, EventMessage<?>> events = new LinkedHashMap<>();

    @BeforeEach
    void store() {
        jdbc.update("delete from integrity_chain");
        jdbc.update("delete from domain_event_entry");
        for (long index = 1; index <= 8; index++) {
            String id = "event-" + index;
            jdbc.update("insert into domain_event_entry (global_index, sequence_number, aggregate_identifier, "
                            + "event_identifier, payload_revision, payload_type, time_stamp, type, meta_data, payload) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", index, index - 1, "issue-1", id, "1",
                    "IssueRegistered", "2024-06-15T04:00:0" + index + "Z", "Issue",
                    "{}".getBytes(StandardCharsets.UTF_8),
                    ("{\"n\":" + index + "}").getBytes(StandardCharsets.UTF_8));
            events.put(index, new GenericEventMessage<>(new GenericMessage<>(id, "payload " + index, Map.of()),
                    () -> java.time.Instant.parse("2024-06-15T04:00:00Z")));
        }
    }

    @Test
    void batchesInOrderGiveTheChainOfTheStoredRows() {
        batch(1, 2, 3);
        batch(4, 5);
        batch(6, 7, 8);

        assertThat(recorded()).isEqualTo(expected(8));
    }

    @Test
    void aLateArrivalIsChainedInItsPlaceAndTheBatchGoesOnFromTheNewHead() {
        batch(1, 2);
        batch(4, 5, 3, 6); // 3 committed after 4 and 5; 6 must chain on the hashes 3 changed
        batch(8, 7);

        assertThat(recorded()).isEqualTo(expected(8));
    }

    @Test
    void anEventDeliveredAgainIsChainedOnce() {
        batch(1, 2, 3);
        batch(3, 4, 2, 5);

        assertThat(recorded()).isEqualTo(expected(5));
    }

    @Test
    void aBatchThatRolledBackLeavesNothingThatTheNextBatchWouldChainOn() {
        batch(1, 2);
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            projection.on(events.get(3L));
            projection.on(events.get(4L));
            throw new IllegalStateException("the batch fails after its events were chained");
        })).hasMessageContaining("the batch fails");
        batch(3, 4, 5);

        assertThat(recorded()).isEqualTo(expected(5));
    }

    @Test
    void eventsFromAStreamAreChainedFromTheirOwnRowsWhateverPositionTheirTokensName() {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            projection.on(tracked(1, 1)); // the token names the event's own row: read by global index
            projection.on(tracked(2, 2));
            projection.on(tracked(3, 2)); // names the row of event 2 (a merged segment's lower position)
            projection.on(tracked(4, 99)); // names no row at all
            projection.on(new GenericTrackedEventMessage<>(
                    ReplayToken.createReplayToken(new GlobalSequenceTrackingToken(8),
                            new GlobalSequenceTrackingToken(5)), events.get(5L))); // a replay's token
            projection.on(tracked(6, 6));
        });

        assertThat(recorded()).isEqualTo(expected(6));
    }

    private EventMessage<?> tracked(long index, long tokenPosition) {
        return new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(tokenPosition), events.get(index));
    }

    /** The events with these global indexes, handled in this order in one transaction. */
    private void batch(long... indexes) {
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            for (long index : indexes) {
                projection.on(events.get(index));
            }
        });
    }

    private List<String> recorded() {
        return jdbc.queryForList("select global_index || ' ' || event_hash || ' ' || hash from integrity_chain "
                + "order by global_index", String.class);
    }

    /** The chain over the stored rows 1..to, computed from scratch. */
    private List<String> expected(long to) {
        List<String> chain = new ArrayList<>();
        String previous = null;
        for (long index = 1; index <= to; index++) {
            StoredEvent stored = jdbc.queryForObject("select " + StoredEvent.COLUMNS
                    + " from domain_event_entry where global_index = ?", StoredEvent::map, index);
            String eventHash = stored.eventHash();
            previous = StoredEvent.chain(previous, eventHash);
            chain.add(index + " " + eventHash + " " + previous);
        }
        return chain;
    }
}
