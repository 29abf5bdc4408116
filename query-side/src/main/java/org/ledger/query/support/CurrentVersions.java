package org.ledger.query.support;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The current version of each ledger entry that a projection's transaction has already read or written, so that the
 * next event of the same entry in the same batch finds it without a query.
 *
 * <p>Why: a projection applies an event by finding the entry's current version, superseding it and adding the next
 * one. Finding it costs a query and an entity built from its row, once per event; in a replay a processor's batch
 * holds several events of the same entry one after the other, and the answer is the version the previous event
 * added, which the projection still has in hand.
 *
 * <p>A kept version is a snapshot of what the transaction wrote: the projections forget their entities after each
 * event ({@link FlushEachEvent}), so it may be detached, and it is only read — its columns copied into the next
 * version, its row id used to supersede it — never saved again. Every change that supersedes an entry's version must
 * therefore {@link #remember} the successor; a kept version that was superseded in memory is not answered (the query
 * runs again). The map is bound to the transaction (Spring's transaction synchronization), dropped when it completes,
 * committed or rolled back, and set aside while a nested transaction of its own runs (a dead-lettered projection
 * retries a failed batch with a transaction per event). Outside a transaction nothing is kept.
 *
 * @param <V> the projection's version entity
 */
public final class CurrentVersions<V extends LedgerVersion> {

    /** Each projection's entries, apart from every other's, for the current transaction only. */
    private final TransactionBound<Map<String, V>> entries = new TransactionBound<>(HashMap::new);

    /**
     * The current version of entry {@code id}: the one this transaction last remembered, otherwise what
     * {@code query} finds (remembered for the next call).
     */
    public Optional<V> find(String id, Function<String, Optional<V>> query) {
        Map<String, V> known = known();
        if (known == null) {
            return query.apply(id);
        }
        V remembered = known.get(id);
        if (remembered != null && remembered.isCurrent()) {
            return Optional.of(remembered);
        }
        Optional<V> found = query.apply(id);
        found.ifPresent(version -> known.put(id, version));
        return found;
    }

    /** {@code current}, just written by this transaction, is now entry {@code id}'s current version. */
    public void remember(String id, V current) {
        Map<String, V> known = known();
        if (known != null) {
            known.put(id, current);
        }
    }

    /** Forgets every entry this transaction remembered: the projection's tables were emptied (a reset). */
    public void forgetAll() {
        Map<String, V> known = known();
        if (known != null) {
            known.clear();
        }
    }

    private Map<String, V> known() {
        return entries.get();
    }
}
