package org.ledger.app.persistence;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/**
 * Axon's JPA event storage engine, except in how a tracking processor reads the events after its token: the gaps it
 * still waits for are one query and the events past its position another, instead of one query with both conditions
 * joined by OR; and each event's timestamp is read from its text once, not on every look at it.
 *
 * <p>Why the two queries: Axon asks {@code WHERE globalIndex > :token OR globalIndex IN :gaps ORDER BY globalIndex}
 * whenever the token has gaps, which it has most of the time under concurrent writers (an append that commits after a
 * later one leaves a gap for a moment; a rolled-back one leaves a gap until the token is far past it). PostgreSQL
 * answers such an OR from the index; H2 does not and reads the whole event table — on every fetch of every processor
 * thread. The benchmark (issue 9) found the event store's fetching thread at half of the process's CPU over 100,000
 * events, and the command load a quarter of what it was over a few thousand. Two indexed queries give exactly the
 * rows of the original: the gaps all lie below the token's position, so the rows of the gaps come first in order, then
 * those past the position, and the first {@code batchSize} of those are what the original query's limit keeps.
 *
 * <p>Why the timestamps: Axon's entries keep the stored timestamp as text and parse it with a general ISO formatter
 * on every {@code getTimestamp()}: once per event to decide whether gaps below it may still fill, and once more when
 * the processor builds the event's message. In a rebuild, where each of the ten processors reads the whole store,
 * that parsing was 44 % of the CPU of the processors that only read (a profile of a rebuild over 1,025,003 events).
 * {@link #fetchTrackedEvents} is therefore Axon's own (4.13), with its private gap cleaning, but with entries that
 * hold their timestamp parsed once ({@link EventTimestamp}); the tokens it computes are Axon's, which
 * {@code GapQueryEventStorageEngineTest} checks against Axon's engine over the same store.
 */
class GapQueryEventStorageEngine extends JpaEventStorageEngine {

    /** Axon's defaults, set on the builder by the constructor, so that the copied reading below uses the same. */
    private static final int MAX_GAP_OFFSET = 10_000;
    private static final long LOWEST_GLOBAL_SEQUENCE = 1;
    private static final int GAP_TIMEOUT_MILLIS = 60_000;
    private static final int GAP_CLEANING_THRESHOLD = 250;

    private static final String COLUMNS = "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, "
            + "e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM ";

    private final TransactionManager transactions;

    GapQueryEventStorageEngine(Builder builder, TransactionManager transactions) {
        super(builder.maxGapOffset(MAX_GAP_OFFSET)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .gapCleaningThreshold(GAP_CLEANING_THRESHOLD)
                .transactionManager(transactions));
        this.transactions = transactions;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
            throw new IllegalArgumentException("Unsupported token format: " + lastToken);
        }
        GapAwareTrackingToken previousToken = cleanedToken((GapAwareTrackingToken) lastToken);
        List<Object[]> entries = transactions.fetchInTransaction(() -> fetchEvents(previousToken));
        Instant gapTimeoutThreshold = gapTimeoutThreshold();
        List<TrackedEventData<?>> result = new ArrayList<>(entries.size());
        GapAwareTrackingToken token = previousToken;
        for (Object[] entry : entries) {
            long globalSequence = (Long) entry[0];
            String aggregateIdentifier = (String) entry[2];
            String eventIdentifier = (String) entry[4];
            ParsedTimestampEntry event = new ParsedTimestampEntry((String) entry[1],
                    eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier, (Long) entry[3],
                    eventIdentifier, entry[5].toString(), (String) entry[6], (String) entry[7], entry[8], entry[9]);
            boolean allowGaps = event.getTimestamp().isAfter(gapTimeoutThreshold);
            if (token == null) {
                token = GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet());
            } else {
                token = token.advanceTo(globalSequence, MAX_GAP_OFFSET);
                if (!allowGaps) {
                    token = token.withGapsTruncatedAt(globalSequence);
                }
            }
            result.add(new TrackedDomainEventData<>(token, event));
        }
        return result;
    }

    /**
     * The rows of the token's gaps, then those past its position, the first {@code batchSize} in all. The events past
     * the position are read first: under READ COMMITTED each statement sees the transactions committed when it
     * starts, so a transaction that commits between the two reads is seen by the second only. Read the other way
     * round, a transaction holding both a gap (an index it took before another transaction's) and an event past the
     * position showed its later event without its earlier one, and a projection that skips what it has seen dropped
     * the earlier one for good (CrashRecoveryTest; README, "Finding (2026-11-28 …)" under crash recovery). Read this way, it shows
     * at most its gap events, and the rest in the next fetch: every fetch gives events in an order the store allows.
     */
    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        List<Object[]> past = eventsPast(token);
        List<Object[]> rows = new ArrayList<>(eventsInGaps(token));
        for (Object[] row : past) {
            if (rows.size() >= batchSize()) {
                break;
            }
            rows.add(row);
        }
        return rows;
    }

    /** The first {@code batchSize} events past the token's position, in order. */
    List<Object[]> eventsPast(GapAwareTrackingToken token) {
        return entityManager()
                .createQuery(COLUMNS + domainEventEntryEntityName() + " e WHERE e.globalIndex > :token "
                        + "ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("token", token.getIndex())
                .setMaxResults(batchSize())
                .getResultList();
    }

    /** The first {@code batchSize} events stored in the token's gaps, in order. */
    List<Object[]> eventsInGaps(GapAwareTrackingToken token) {
        return entityManager()
                .createQuery(COLUMNS + domainEventEntryEntityName() + " e WHERE e.globalIndex IN :gaps "
                        + "ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("gaps", token.getGaps())
                .setMaxResults(batchSize())
                .getResultList();
    }

    /**
     * Axon's gap cleaning: a token with more than {@link #GAP_CLEANING_THRESHOLD} gaps drops those below the first
     * stored event, from its lowest gap up, that is old enough for no gap below it to fill any more.
     */
    private GapAwareTrackingToken cleanedToken(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().size() <= GAP_CLEANING_THRESHOLD) {
            return token;
        }
        List<Object[]> stored = transactions.fetchInTransaction(() -> entityManager()
                .createQuery("SELECT e.globalIndex, e.timeStamp FROM " + domainEventEntryEntityName()
                        + " e WHERE e.globalIndex >= :firstGapOffset AND e.globalIndex <= :maxGlobalIndex",
                        Object[].class)
                .setParameter("firstGapOffset", token.getGaps().first())
                .setParameter("maxGlobalIndex", token.getGaps().last() + 1L)
                .getResultList());
        Instant gapTimeoutThreshold = gapTimeoutThreshold();
        GapAwareTrackingToken cleaned = token;
        for (Object[] row : stored) {
            long globalIndex = (Long) row[0];
            Instant timestamp;
            try {
                timestamp = EventTimestamp.parse(row[1].toString());
            } catch (DateTimeParseException e) {
                continue; // as Axon: a timestamp it cannot read does not stop the cleaning
            }
            if (cleaned.getGaps().contains(globalIndex) || timestamp.isAfter(gapTimeoutThreshold)) {
                return cleaned;
            }
            if (cleaned.getGaps().contains(globalIndex - 1)) {
                cleaned = cleaned.withGapsTruncatedAt(globalIndex);
            }
        }
        return cleaned;
    }

    private static Instant gapTimeoutThreshold() {
        return GenericEventMessage.clock.instant().minusMillis(GAP_TIMEOUT_MILLIS);
    }

    /** Axon's entry with its timestamp parsed when it is made, not on every {@link #getTimestamp()}. */
    private static final class ParsedTimestampEntry extends GenericDomainEventEntry<Object> {

        private final Instant timestamp;

        ParsedTimestampEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                             String timestamp, String payloadType, String payloadRevision, Object payload,
                             Object metaData) {
            super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, timestamp, payloadType, payloadRevision,
                    payload, metaData);
            this.timestamp = EventTimestamp.parse(timestamp);
        }

        @Override
        public Instant getTimestamp() {
            return timestamp;
        }
    }
}
