package org.ledger.query.audit;

import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.ledger.query.support.ProjectionNames;
import org.ledger.query.support.TransactionBound;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records the hash chain over the event store as events are appended (DESIGN.md §5): for each event, the
 * SHA-256 of its stored row's canonical form ({@link StoredEvent}) and the chain hash
 * {@code SHA-256(previous chain hash || event hash)} in global-index order.
 *
 * <p>The hash is taken from the row in {@code domain_event_entry}, not from the deserialized message: the record must
 * describe what is stored. The row is read at the position the event's tracking token names, and by the event's
 * identifier when the row there is another event's ({@link StoredEvent#positionHint}). One segment, one sequence
 * ({@link AuditConfiguration}): a chain is sequential.
 *
 * <p>An event can arrive after one with a higher global index (a transaction that took its index first but
 * committed later: a gap in the tracking token). It is then chained in its global-index place and the chain
 * hashes after it are recomputed from their <em>recorded</em> event hashes, never from the current rows, so a
 * late arrival cannot hide a change made to a later row in between.
 *
 * <p>An audit record, not a ledger: a rebuild of all projections leaves it alone. Its reset (only when asked by
 * name) recomputes the chain from the rows as they are now, which would hide an earlier change.
 */
@Component
@ProcessingGroup(ProjectionNames.INTEGRITY_CHAIN)
public class IntegrityChainProjection {

    private final JdbcTemplate jdbc;
    /**
     * The last link of the chain as this transaction knows it: read once per batch instead of three statements per
     * event (whether the event is chained already, the previous hash, the links after it). Events arrive in global
     * order but for the rare late arrival, so nearly every event is chained right after the head.
     */
    private final TransactionBound<Head> head = new TransactionBound<>(this::readHead);

    public IntegrityChainProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    public void on(EventMessage<?> event) {
        StoredEvent stored = stored(event);
        long index = stored.globalIndex();
        String eventHash = stored.eventHash();
        Head known = head.get();
        if (known == null) {
            known = readHead(); // outside a transaction nothing is kept
        }
        if (known.index == null || index > known.index) {
            // past the head: not chained yet, and nothing after it to chain again
            String hash = StoredEvent.chain(known.hash, eventHash);
            insert(index, stored.eventIdentifier(), eventHash, hash);
            known.index = index;
            known.hash = hash;
            return;
        }
        Integer seen = jdbc.queryForObject("select count(*) from integrity_chain where global_index = ?",
                Integer.class, index);
        if (seen != null && seen > 0) {
            return;
        }
        // a late arrival: chained in its place, the links after it again
        String hash = StoredEvent.chain(previousHash(index), eventHash);
        insert(index, stored.eventIdentifier(), eventHash, hash);
        known.hash = rechainAfter(index, hash);
    }

    /** The event's row: at the position its token names if the row there is this event, else by its identifier. */
    private StoredEvent stored(EventMessage<?> event) {
        OptionalLong hint = StoredEvent.positionHint(event);
        if (hint.isPresent()) {
            List<StoredEvent> at = jdbc.query("select " + StoredEvent.COLUMNS
                    + " from domain_event_entry where global_index = ?", StoredEvent::map, hint.getAsLong());
            if (!at.isEmpty() && at.get(0).eventIdentifier().equals(event.getIdentifier())) {
                return at.get(0);
            }
        }
        List<StoredEvent> rows = jdbc.query("select " + StoredEvent.COLUMNS
                + " from domain_event_entry where event_identifier = ?", StoredEvent::map, event.getIdentifier());
        if (rows.isEmpty()) {
            throw new IllegalStateException("Event " + event.getIdentifier() + " is not in domain_event_entry");
        }
        return rows.get(0);
    }

    /** The chain's last link (null index: an empty chain), as far as this transaction has written it. */
    private static final class Head {
        private Long index;
        private String hash;
    }

    private Head readHead() {
        Head last = new Head();
        jdbc.query("select global_index, hash from integrity_chain order by global_index desc limit 1", row -> {
            last.index = row.getLong(1);
            last.hash = row.getString(2);
        });
        return last;
    }

    private void insert(long index, String eventIdentifier, String eventHash, String hash) {
        jdbc.update("insert into integrity_chain (global_index, event_identifier, event_hash, hash) "
                + "values (?, ?, ?, ?)", index, eventIdentifier, eventHash, hash);
    }

    private String previousHash(long index) {
        List<String> previous = jdbc.queryForList("select hash from integrity_chain where global_index < ? "
                + "order by global_index desc limit 1", String.class, index);
        return previous.isEmpty() ? null : previous.get(0);
    }

    /** After a late arrival: the later links again, from their recorded event hashes; answers the head's hash. */
    private String rechainAfter(long index, String hash) {
        List<Object[]> later = jdbc.query("select global_index, event_hash from integrity_chain "
                        + "where global_index > ? order by global_index",
                (rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)}, index);
        String previous = hash;
        for (Object[] link : later) {
            previous = StoredEvent.chain(previous, (String) link[1]);
            jdbc.update("update integrity_chain set hash = ? where global_index = ?", previous, link[0]);
        }
        return previous;
    }

    @ResetHandler
    public void reset() {
        jdbc.update("truncate table integrity_chain"); // not DELETE: ProjectionStatus explains why
        Head known = head.get();
        if (known != null) {
            known.index = null; // the chain is empty now
            known.hash = null;
        }
    }
}
