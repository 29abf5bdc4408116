package org.ledger.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;

/**
 * Puts every event of a projection in one sequence, named after the projection.
 *
 * <p>Like Axon's {@code SequentialPolicy}, but with a stable identifier: the dead-letter queue stores a sequence's
 * identifier as text ({@code dead_letter_entry.sequence_identifier}), and {@code SequentialPolicy}'s identifier is
 * a plain {@code new Object()} whose text changes with every start. After a restart, new events would no longer
 * queue behind the letters of the old sequence, and would overtake them.
 */
public final class OneSequence implements SequencingPolicy<EventMessage<?>> {

    private final String name;

    public OneSequence(String name) {
        this.name = name;
    }

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return name;
    }
}
