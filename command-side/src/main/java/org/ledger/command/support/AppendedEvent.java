package org.ledger.command.support;

/** One event a command appended: the aggregate's id and the event's sequence number in that aggregate's stream. */
public record AppendedEvent(String aggregateId, long sequenceNumber) {
}
