package org.ledger.command.support;

import java.util.Collection;

/**
 * Makes a command's effects visible to the ledgers before the command's 2xx answer goes out (DESIGN.md §4:
 * the API reads its own writes). The app module implements it against the event store and the
 * projections' event processors; the command side never reads a projection table itself.
 */
public interface ReadYourWrites {

    /**
     * Blocks, for a bounded time, until every projection has handled the given appended events.
     *
     * @return true if they all have, false if the wait timed out (the write is still durable)
     */
    boolean await(Collection<AppendedEvent> appended);
}
