package org.ledger.app.persistence;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/**
 * Axon's JPA event storage engine, except that a tracking processor's fetch of the events after its token is one
 * query for the events past its position and one for the gaps it still waits for, instead of one query with both
 * conditions joined by OR.
 *
 * <p>Why: Axon asks {@code WHERE globalIndex > :token OR globalIndex IN :gaps ORDER BY globalIndex} whenever the
 * token has gaps, which it has most of the time under concurrent writers (an append that commits after a later one
 * leaves a gap for a moment; a rolled-back one leaves a gap until the token is far past it). PostgreSQL answers such
 * an OR from the index; H2 does not and reads the whole event table — on every fetch of every processor thread. The
 * benchmark (issue 9) found the event store's fetching thread at half of the process's CPU over 100,000 events, and
 * the command load a quarter of what it was over a few thousand. Two indexed queries give exactly the rows of the
 * original: the gaps all lie below the token's position, so the rows of the gaps come first in order, then those
 * past the position, and the first {@code batchSize} of those are what the original query's limit keeps.
 */
class GapQueryEventStorageEngine extends JpaEventStorageEngine {

    private static final String COLUMNS = "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, "
            + "e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM ";

    GapQueryEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        List<Object[]> rows = new ArrayList<>(entityManager()
                .createQuery(COLUMNS + domainEventEntryEntityName() + " e WHERE e.globalIndex IN :gaps "
                        + "ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("gaps", token.getGaps())
                .setMaxResults(batchSize())
                .getResultList());
        if (rows.size() < batchSize()) {
            rows.addAll(entityManager()
                    .createQuery(COLUMNS + domainEventEntryEntityName() + " e WHERE e.globalIndex > :token "
                            + "ORDER BY e.globalIndex ASC", Object[].class)
                    .setParameter("token", token.getIndex())
                    .setMaxResults(batchSize() - rows.size())
                    .getResultList());
        }
        return rows;
    }
}
