package org.ledger.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.ledger.app.AppTestSupport;
import org.ledger.app.TestIssues;
import org.ledger.app.TestUnits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A tracking processor whose token has gaps gets exactly the events Axon's own query would give it: those of the gaps
 * that exist, then everything past its position, in order — across several of the engine's batches; and the engine's
 * own reading of the tracked events (timestamps parsed once) gives the tokens and events Axon's engine gives.
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

    @Autowired
    Serializer serializer;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    @Autowired
    PersistenceExceptionResolver persistenceExceptionResolver;

    @Autowired
    org.axonframework.config.Configuration configuration;

    @Autowired
    EntityManagerProvider entityManagerProvider;

    @Autowired
    TransactionManager transactionManager;

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
    void everyTokenAndEventIsWhatAxonsOwnEngineReads() throws Exception {
        TestUnits.ensure(mvc);
        for (int i = 0; i < 3; i++) {
            TestIssues.register(mvc, "gap-query-axon-" + UUID.randomUUID());
        }
        JpaEventStorageEngine axons = EventStorageEngineConfiguration.axonsSettings(serializer,
                        persistenceExceptionResolver, eventSerializer, configuration, entityManagerProvider)
                .transactionManager(transactionManager)
                .build();
        List<Long> stored = jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                Long.class);
        long first = stored.get(0);
        long middle = stored.get(stored.size() / 2);
        TreeSet<Long> someGaps = new TreeSet<>(List.of(stored.get(1), stored.get(stored.size() / 3), -7L));
        // more than Axon's 250: the token is cleaned first; gaps below the first stored row, which is old, go
        TreeSet<Long> manyGaps = new TreeSet<>();
        for (long gap = first - 300; gap < first; gap++) {
            manyGaps.add(gap);
        }
        // the first stored event just too old for a gap below it to fill, the later ones not: cleaning shows
        Instant firstStored = Instant.parse(jdbc.queryForObject(
                "select time_stamp from domain_event_entry where global_index = ?", String.class, first));
        Clock clock = GenericEventMessage.clock;
        for (Clock frozen : List.of(Clock.fixed(Instant.now(), ZoneOffset.UTC),
                Clock.fixed(Instant.now().plus(Duration.ofHours(1)), ZoneOffset.UTC),
                Clock.fixed(firstStored.plusSeconds(60).plusMillis(1), ZoneOffset.UTC))) {
            // a fixed clock: whether gaps may still fill depends on the events' age, the same for both reads
            GenericEventMessage.clock = frozen;
            try {
                for (GapAwareTrackingToken token : Arrays.asList(null,
                        GapAwareTrackingToken.newInstance(middle, someGaps),
                        GapAwareTrackingToken.newInstance(middle, manyGaps))) {
                    List<String> ours = read(engine, token);
                    assertThat(ours).as("from %s", token).isNotEmpty().containsExactlyElementsOf(read(axons, token));
                }
            } finally {
                GenericEventMessage.clock = clock;
            }
        }
    }

    /** Each event as its token, identity, aggregate and sequence, timestamp and payload type. */
    private List<String> read(EventStorageEngine source, GapAwareTrackingToken token) {
        return transactions.execute(status -> source.readEvents(token, false)
                .map(event -> event.trackingToken() + " " + event.getIdentifier() + " "
                        + (event instanceof DomainEventMessage<?> domain
                        ? domain.getAggregateIdentifier() + "/" + domain.getSequenceNumber() : "-") + " "
                        + event.getTimestamp() + " " + event.getPayloadType().getName())
                .toList());
    }

    /**
     * A transaction that took an index before another one's and one after it (216 and 219 around 217-218 in
     * CrashRecoveryTest) and commits between the engine's two reads: its later event must not come without the
     * earlier one, which a projection that skips what it has seen would then drop.
     */
    @Test
    void aTransactionCommittingBetweenTheTwoReadsIsNeverSeenWithoutItsEarlierEvent() throws Exception {
        TestUnits.ensure(mvc);
        TestIssues.register(mvc, "gap-race-" + UUID.randomUUID());
        long template = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        long gap = nextGlobalIndex();
        long other = nextGlobalIndex();
        long late = nextGlobalIndex();
        String run = UUID.randomUUID().toString();
        TransactionTemplate own = new TransactionTemplate(transactions.getTransactionManager());
        own.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
        own.executeWithoutResult(status -> copyRow(template, other, "race-other-" + run));
        // the reader saw `other` and waits for `gap`; the transaction holding `gap` and `late` commits after the
        // engine's first read of this fetch
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(other, new TreeSet<>(List.of(gap)));
        AtomicBoolean committed = new AtomicBoolean();
        // after the engine's first read of the fetch, whichever of its two reads that is
        Runnable commitOnce = () -> {
            if (committed.compareAndSet(false, true)) {
                own.executeWithoutResult(status -> {
                    copyRow(template, gap, "race-gap-" + run);
                    copyRow(template, late, "race-late-" + run);
                });
            }
        };
        GapQueryEventStorageEngine racing = new GapQueryEventStorageEngine(EventStorageEngineConfiguration
                .axonsSettings(serializer, persistenceExceptionResolver, eventSerializer, configuration,
                        entityManagerProvider), transactionManager) {
            @Override
            List<Object[]> eventsPast(GapAwareTrackingToken from) {
                List<Object[]> past = super.eventsPast(from);
                commitOnce.run();
                return past;
            }

            @Override
            List<Object[]> eventsInGaps(GapAwareTrackingToken from) {
                List<Object[]> inGaps = super.eventsInGaps(from);
                commitOnce.run();
                return inGaps;
            }
        };

        List<String> read = transactions.execute(status -> racing.readEvents(token, false)
                .map(TrackedEventMessage::getIdentifier)
                .toList());

        assertThat(committed).isTrue();
        assertThat(read).containsExactly("race-gap-" + run, "race-late-" + run);
    }

    /** An index from the store's own sequence, so that no append of another test takes it. */
    private long nextGlobalIndex() {
        boolean postgres = jdbc.execute((ConnectionCallback<Boolean>) connection ->
                connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres"));
        return jdbc.queryForObject(postgres ? "select nextval('domain_event_entry_seq')"
                : "select next value for domain_event_entry_seq", Long.class);
    }

    /** A stored row again, at {@code index}, as an event of an aggregate of its own. */
    private void copyRow(long template, long index, String eventIdentifier) {
        jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                + "sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data) "
                + "select ?, ?, ?, 0, type, time_stamp, payload_type, payload_revision, payload, meta_data "
                + "from domain_event_entry where global_index = ?", index, eventIdentifier, eventIdentifier, template);
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
