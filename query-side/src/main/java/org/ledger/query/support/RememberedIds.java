package org.ledger.query.support;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The sorted row ids of recent ledger queries, each remembered until its ledger changes (issue 9).
 *
 * <p>A page of a ledger of 100,000 items made the database count and sort every match (50,000 ids for a status) to
 * show 20 rows, again for every page and every reader. The answer to a query only changes when its ledger does, so
 * the sorted ids are kept, and a page is a slice of them plus its 20 rows; the count is their number.
 *
 * <p><b>When a ledger has changed</b> is read from the database on every request, so that it holds for every node
 * that shares it, not only for the one whose projection wrote: the {@link Stamp} is the tracking tokens of the
 * ledger's projection (stored in the same transaction as the rows of each batch it handles), the newest row id of
 * its table (every change of a ledger row writes a new version, and a rebuild's truncate keeps counting on), the
 * number of its dead letters (a retried letter changes rows without moving a token) and its oldest row id (which
 * only a rebuild changes): one statement of four index lookups. Anything else a query depends on — the filter, the
 * units its subtree resolved to, the reader's scope, {@code asOf}, "today", the sort — is part of the key its caller
 * gives. The stamp is read before the ids, so an entry never holds an older state than the stamp it is filed under.
 *
 * <p><b>A ledger being written to</b> made every remembered query of it a miss, and a miss sorted all of the query's
 * matches again (50,000 ids for a status): 16 readers beside one writer got 35 pages/s with a p99 of 5 s (issue 9).
 * Two things keep that from happening:
 * <ul>
 *   <li>The changes are applied to the ids instead ({@code applyChanges}), where that is safe ({@code changesApply}):
 *   the rows written since the ids were read are those with higher row ids; every version of their items is dropped
 *   from the ids and each item's current version, if it matches, is put where the database's own order places it. A
 *   few index lookups per changed item instead of a sort of every match.</li>
 *   <li>A query is read by one reader at a time, and a read serves every reader who asked before it began: its ids
 *   hold every change committed before they asked (a command answers only once its ledger rows are written, and
 *   each statement of a read-committed transaction sees what was committed when it began). Readers who ask while a
 *   read runs wait for it to end, then share the one that follows. A read that began before a reader asked never
 *   serves it: it may lack the reader's own last change.</li>
 * </ul>
 *
 * <p>Queries with more than {@code ledger.pages.remembered-ids-per-query} matches are not kept (marked once, then
 * read page by page as before), and {@code ledger.pages.remembered-ids} bounds the whole (8 bytes an id; 0 turns
 * remembering off).
 */
@Component
public class RememberedIds {

    /**
     * The ledger a query reads: its projection (processor and dead-letter processing group), its table, and the
     * column and entity attribute that name a row's item (the id all versions of one item share; null: changes are
     * never applied to its remembered ids, every change reads them again).
     */
    public record Source(String processor, String table, String itemColumn, String itemAttribute) {

        public Source(String processor, String table) {
            this(processor, table, null, null);
        }
    }

    /**
     * What a ledger's state is known by; equal stamps, equal ledgers. {@code oldestRow}, the table's lowest row id,
     * changes only when a rebuild empties the table (rows are never deleted otherwise).
     */
    public record Stamp(List<ByteBuffer> tokens, Long newestRow, Long deadLetters, Long oldestRow) {
    }

    /** Every input of a ledger query besides the ledger's state and the sort; a record, so equal queries are equal. */
    public interface Query {

        /** Reads the ledger as it is now (no {@code asOf}): only then can changes be applied to its ids. */
        boolean current();
    }

    /** How the ids of one query are read, all of them or those of a few changed items. */
    public interface Reader {

        /** The row ids of every match in order, at most {@link #limit()} of them. */
        List<Long> all();

        /** The row ids of the matches among the current versions of these items, in order. */
        List<Long> matchesAmong(Collection<String> items);

        /** These row ids in the query's order (whether or not they match). */
        List<Long> inOrder(Collection<Long> rowIds);
    }

    private record Key(Source source, Query query, Sort sort) {
    }

    /**
     * A query's sorted ids, the stamp read before them, and the ticket taken as their read began: every reader whose
     * ticket is lower asked before the read began.
     */
    private record Known(Stamp stamp, long began, long[] ids) {
    }

    /** The most rows written since the known ids, and items among them, for the changes to be applied to those ids. */
    static final int MOST_CHANGED_ROWS = 1_000;
    static final int MOST_CHANGED_ITEMS = 64;
    /** Known rows the database orders a new row among at each step of finding its place. */
    static final int PROBES = 16;

    /** Marks a query with too many matches to keep (compared by identity, not by content). */
    private static final long[] TOO_MANY = new long[0];

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;
    private final int perQuery;
    private final Cache<Key, Known> remembered;
    /** One lock per query being read; weakly held, so a query nobody reads holds none. */
    private final Cache<Key, Object> reading = Caffeine.newBuilder().weakValues().build();
    /** Tickets of asking and of beginning a read, in the order they happen. */
    private final AtomicLong tickets = new AtomicLong();

    public RememberedIds(JdbcTemplate jdbc,
                         @Value("${ledger.pages.remembered-ids:1000000}") long maximumIds,
                         @Value("${ledger.pages.remembered-ids-per-query:200000}") int perQuery) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
        // limit() asks the database for one id more than a query may keep: that must still be an int.
        this.perQuery = maximumIds <= 0 ? -1 : Math.max(0, Math.min(perQuery, Integer.MAX_VALUE - 1));
        this.remembered = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maximumIds))
                .weigher((Key key, Known known) -> known.ids().length + 1)
                .build();
    }

    /**
     * The row ids {@code read} answers for {@code query} in {@code sort} order, remembered until {@code source}
     * changes; null when there are more than the per-query bound (the caller reads page by page instead).
     * Concurrent readers of the same query share one read that began after each of them asked.
     *
     * @param query every input of the query besides the ledger's state and the sort (a record of the filter,
     *              the resolved units, the scope, asOf, today)
     * @param read  reads the sorted ids; asked for at most {@link #limit()} of them
     */
    public long[] sorted(Source source, Query query, Sort sort, Reader read) {
        if (perQuery < 0) {
            return null;
        }
        long asked = tickets.incrementAndGet();
        Stamp stamp = stamp(source);
        Key key = new Key(source, query, sort);
        Known known = remembered.getIfPresent(key);
        if (known != null && known.stamp().equals(stamp)) {
            return answer(known.ids());
        }
        synchronized (reading.get(key, k -> new Object())) {
            known = remembered.getIfPresent(key);
            if (known != null && (known.stamp().equals(stamp) || known.began() > asked)) {
                return answer(known.ids());
            }
            long began = tickets.incrementAndGet();
            long[] ids = changesApply(known, stamp, key) ? applyChanges(known, source, read) : null;
            if (ids == null) {
                List<Long> all = read.all();
                ids = all.size() > perQuery ? TOO_MANY : all.stream().mapToLong(Long::longValue).toArray();
            } else if (ids.length > perQuery) {
                ids = TOO_MANY;
            }
            // Filed under this reader's stamp, read before the ids: an entry never holds an older state than its stamp.
            Known fresh = new Known(stamp, began, ids);
            remembered.put(key, fresh);
            return answer(fresh.ids());
        }
    }

    /**
     * Whether the ledger's changes since {@code known} can be applied to its ids instead of reading them all again:
     * the query reads the current ledger, its ledger names its items, no rebuild emptied the table since (same oldest
     * row), the projection has one segment and there were no dead letters before nor now — so every row was written
     * by the projection's one processor thread, which commits its rows in the order of their ids, and the rows written
     * since are exactly those with higher ids than the newest one known. (A dead letter retried by an administrator
     * writes beside that thread; so do the threads of other segments, in a store made before SegmentMerge.) At most
     * {@value #MOST_CHANGED_ROWS} rows may have been written since.
     */
    private static boolean changesApply(Known known, Stamp now, Key key) {
        if (known == null || known.ids() == TOO_MANY || !key.query().current() || key.source().itemColumn() == null) {
            return false;
        }
        Stamp then = known.stamp();
        return then.tokens().size() == 1 && now.tokens().size() == 1
                && then.newestRow() != null && now.newestRow() != null && then.oldestRow() != null
                && then.oldestRow().equals(now.oldestRow()) && then.deadLetters() == 0 && now.deadLetters() == 0
                && now.newestRow() >= then.newestRow() && now.newestRow() - then.newestRow() <= MOST_CHANGED_ROWS;
    }

    /**
     * {@code known}'s ids with the changes written since applied: every version of each item with a row newer than
     * the newest known is dropped, then the item's current version is put back where the query's order places it, if
     * it matches. The place is found by asking the database to order the new row among up to {@value #PROBES} of the
     * known rows at a time, so the order is the database's own (collation, nulls) and needs no comparator here. Null
     * when too many items changed or a known row is gone: then all ids are read again.
     */
    private long[] applyChanges(Known known, Source source, Reader read) {
        List<String> items = jdbc.queryForList("select distinct " + source.itemColumn() + " from " + source.table()
                + " where row_id > ?", String.class, known.stamp().newestRow());
        if (items.isEmpty()) {
            return known.ids();
        }
        if (items.size() > MOST_CHANGED_ITEMS) {
            return null;
        }
        Set<Long> dropped = new HashSet<>(named.queryForList("select row_id from " + source.table() + " where "
                + source.itemColumn() + " in (:items)", Map.of("items", items), Long.class));
        List<Long> added = read.matchesAmong(items);
        dropped.addAll(added);
        long[] ids = Arrays.stream(known.ids()).filter(id -> !dropped.contains(id)).toArray();
        int from = 0;
        for (long id : added) {
            int at = place(ids, from, id, read);
            if (at < 0) {
                return null;
            }
            long[] grown = new long[ids.length + 1];
            System.arraycopy(ids, 0, grown, 0, at);
            grown[at] = id;
            System.arraycopy(ids, at, grown, at + 1, ids.length - at);
            ids = grown;
            from = at + 1;
        }
        return ids;
    }

    /**
     * Where {@code id} belongs in {@code ids} (sorted, no position before {@code from}): each step has the database
     * order it among up to {@value #PROBES} evenly spaced ids of the range left, which narrows the range to one gap
     * between them. -1 when a probed row is gone.
     */
    private static int place(long[] ids, int from, long id, Reader read) {
        int low = from;
        int high = ids.length;
        while (low < high) {
            int probes = Math.min(PROBES, high - low);
            int[] at = new int[probes];
            List<Long> asked = new ArrayList<>(probes + 1);
            for (int i = 0; i < probes; i++) {
                at[i] = low + (int) ((long) (high - low) * i / probes);
                asked.add(ids[at[i]]);
            }
            asked.add(id);
            List<Long> ordered = read.inOrder(asked);
            if (ordered.size() != probes + 1) {
                return -1;
            }
            int before = ordered.indexOf(id);
            int nextLow = before == 0 ? low : at[before - 1] + 1;
            high = before == probes ? high : at[before];
            low = nextLow;
        }
        return low;
    }

    /** How many ids {@link #sorted}'s read should ask for: one more than it keeps, to tell a query that is too big. */
    public int limit() {
        return perQuery + 1;
    }

    private static long[] answer(long[] ids) {
        return ids == TOO_MANY ? null : ids;
    }

    /**
     * The state {@code source} is in now, in one statement: its projection's tokens (one row per segment, none before
     * its first start), the newest and the oldest row id of its table and the number of its dead letters.
     */
    public Stamp stamp(Source source) {
        // The left join gives one row when the projection has no token yet, one per segment when it has.
        List<StampRow> rows = jdbc.query("select t.token, (select max(row_id) from " + source.table() + ") as newest,"
                + " (select min(row_id) from " + source.table() + ") as oldest,"
                + " (select count(*) from dead_letter_entry where processing_group = ?) as letters"
                + " from (values (1)) as one (x) left join token_entry t on t.processor_name = ?"
                + " order by t.segment", (row, number) -> {
                    byte[] token = row.getBytes("token");
                    long newest = row.getLong("newest");
                    Long newestRow = row.wasNull() ? null : newest;
                    long oldest = row.getLong("oldest");
                    return new StampRow(token == null ? null : ByteBuffer.wrap(token), newestRow,
                            row.getLong("letters"), row.wasNull() ? null : oldest);
                }, source.processor(), source.processor());
        return new Stamp(rows.stream().map(StampRow::token).toList(), rows.get(0).newestRow(),
                rows.get(0).deadLetters(), rows.get(0).oldestRow());
    }

    private record StampRow(ByteBuffer token, Long newestRow, long deadLetters, Long oldestRow) {
    }
}
