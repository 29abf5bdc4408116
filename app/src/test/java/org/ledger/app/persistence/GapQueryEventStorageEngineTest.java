package org.ledger.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.TestIssues;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tracking processor whose token has gaps gets exactly the events Axon's own query would give it: those of the gaps
 * that exist, then everything past its position, in order — across several of the engine's batches.
 */
@AutoConfigureMockMvc
class GapQueryEventStorageEngineTest extends AppTestSupport {

    @Autowired
    EventStorageEngine engine;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MockMvc mvc;

    @Test
    void aTokenWithGapsReadsTheGapsThenEverythingPastItsPosition() throws Exception {
        assertThat(engine).isInstanceOf(GapQueryEventStorageEngine.class);
        TestUnits.ensure(mvc);
        for (int i = 0; i < 8; i++) {
            TestIssues.register(mvc, "gap-query-" + UUID.randomUUID());
        }
        List<Long> stored = jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                Long.class);
        int n = stored.size();
        assertThat(n).isGreaterThanOrEqualTo(8);
        long position = stored.get(n - 5);
        // two gaps the token waits for that have arrived, and one that never will (a rolled-back append)
        TreeSet<Long> gaps = new TreeSet<>(List.of(stored.get(n - 8), stored.get(n - 6), -7L));
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(position, gaps);

        // Axon's own query, the one the engine replaces, says which events and in which order
        List<String> expected = jdbc.queryForList("select event_identifier from domain_event_entry "
                + "where global_index > ? or global_index in (?, ?, ?) order by global_index", String.class, position,
                stored.get(n - 8), stored.get(n - 6), -7L);
        // (a gap's event carries the token's position, not its own index: compare the events themselves)
        List<String> read = transactions.execute(status -> engine.readEvents(token, false)
                .map(TrackedEventMessage::getIdentifier)
                .toList());

        assertThat(expected).hasSize(6);
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void aTokenWithoutGapsReadsEverythingPastItsPosition() throws Exception {
        TestIssues.register(mvc, "gap-query-" + UUID.randomUUID());
        List<Long> stored = jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                Long.class);
        long position = stored.get(stored.size() / 2);
        List<Long> read = transactions.execute(status -> engine.readEvents(
                        GapAwareTrackingToken.newInstance(position, new TreeSet<>()), false)
                .map(message -> message.trackingToken().position().orElseThrow())
                .toList());

        assertThat(read).isNotEmpty()
                .containsExactlyElementsOf(stored.stream().filter(index -> index > position).toList());
    }
}
