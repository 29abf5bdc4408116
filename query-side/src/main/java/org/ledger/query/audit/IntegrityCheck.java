package org.ledger.query.audit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recomputes the hash chain from the rows of {@code domain_event_entry} and compares it, link by link, with
 * the chain the integrity-chain projection recorded when the events were appended (DESIGN.md §5).
 *
 * <p>Both tables are read in global-index order in batches (constant memory with millions of events) and
 * merged: a recorded link whose row is gone (deleted) or whose recomputed hash differs (changed) is the first
 * mismatch; every later link differs too, so the check stops there. Stored events the projection has not
 * recorded yet are counted apart as unrecorded, not as broken: the projection runs a moment behind the writes.
 */
@Component
public class IntegrityCheck {

    static final int BATCH = 500;

    private final JdbcTemplate jdbc;

    public IntegrityCheck(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record RecordedLink(long globalIndex, String eventIdentifier, String eventHash, String hash) {
    }

    public IntegrityReport check() {
        List<RecordedLink> headRows = jdbc.query("select global_index, event_identifier, event_hash, hash "
                + "from integrity_chain order by global_index desc limit 1", this::link);
        long headIndex = headRows.isEmpty() ? -1 : headRows.get(0).globalIndex();
        Batches<StoredEvent> events = new Batches<>(after -> jdbc.query("select " + StoredEvent.COLUMNS
                        + " from domain_event_entry where global_index > ? and global_index <= ? "
                        + "order by global_index limit " + BATCH, StoredEvent::map, after, headIndex),
                StoredEvent::globalIndex);
        Batches<RecordedLink> links = new Batches<>(after -> jdbc.query("select global_index, event_identifier, "
                        + "event_hash, hash from integrity_chain where global_index > ? and global_index <= ? "
                        + "order by global_index limit " + BATCH, this::link, after, headIndex),
                RecordedLink::globalIndex);

        String previous = null;
        long checked = 0;
        long unrecordedWithin = 0;
        IntegrityReport.Mismatch mismatch = null;
        while (mismatch == null && (events.peek() != null || links.peek() != null)) {
            StoredEvent event = events.peek();
            RecordedLink link = links.peek();
            if (link == null || (event != null && event.globalIndex() < link.globalIndex())) {
                // Stored but not (yet) recorded below the head: a late commit the projection has still to chain.
                unrecordedWithin++;
                events.next();
                continue;
            }
            checked++;
            if (event == null || link.globalIndex() < event.globalIndex()) {
                mismatch = new IntegrityReport.Mismatch(link.globalIndex(), link.eventIdentifier(), null, null,
                        link.hash(), null);
                break;
            }
            String actual = StoredEvent.chain(previous, event.eventHash());
            if (!actual.equals(link.hash()) || !event.eventIdentifier().equals(link.eventIdentifier())) {
                mismatch = new IntegrityReport.Mismatch(event.globalIndex(), link.eventIdentifier(),
                        event.aggregateIdentifier(), event.sequenceNumber(), link.hash(), actual);
                break;
            }
            previous = actual;
            events.next();
            links.next();
        }
        Long later = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?",
                Long.class, headIndex);
        long unrecorded = unrecordedWithin + (later == null ? 0 : later);
        IntegrityReport.Link head = headRows.isEmpty() ? null
                : new IntegrityReport.Link(headRows.get(0).globalIndex(), headRows.get(0).hash());
        return new IntegrityReport(mismatch == null ? IntegrityReport.Status.INTACT : IntegrityReport.Status.BROKEN,
                checked, head, mismatch, unrecorded);
    }

    private RecordedLink link(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new RecordedLink(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4));
    }

    /** A key-ordered table read in batches: keeps at most one batch in memory. */
    private static final class Batches<T> {

        private final Function<Long, List<T>> fetch;
        private final Function<T, Long> key;
        private final Deque<T> buffer = new ArrayDeque<>();
        private long after = -1;
        private boolean exhausted;

        Batches(Function<Long, List<T>> fetch, Function<T, Long> key) {
            this.fetch = fetch;
            this.key = key;
        }

        T peek() {
            if (buffer.isEmpty() && !exhausted) {
                List<T> batch = fetch.apply(after);
                if (batch.size() < BATCH) {
                    exhausted = true;
                }
                buffer.addAll(batch);
                if (!batch.isEmpty()) {
                    after = key.apply(batch.get(batch.size() - 1));
                }
            }
            return buffer.peekFirst();
        }

        void next() {
            peek();
            buffer.pollFirst();
        }
    }
}
