package org.ledger.query.support;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
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
 * its table (every change of a ledger row writes a new version, and a rebuild's truncate keeps counting on) and the
 * number of its dead letters (a retried letter changes rows without moving a token): one statement of three index
 * lookups. Anything else a query depends on — the filter, the units its subtree resolved to, the reader's scope,
 * {@code asOf}, "today", the sort — is part of the key its caller gives. The stamp is read before the ids, so an
 * entry never holds an older state than the stamp it is filed under.
 *
 * <p>What it does not do: a ledger that changes between two pages (a command load) gains nothing, since each change
 * makes every remembered query of that ledger a miss; a miss costs about what a page cost before (one sorted id
 * query instead of a limited one and a count). Queries with more than {@code ledger.pages.remembered-ids-per-query}
 * matches are not kept (marked once, then read page by page as before), and {@code ledger.pages.remembered-ids}
 * bounds the whole (8 bytes an id; 0 turns remembering off).
 */
@Component
public class RememberedIds {

    /** The ledger a query reads: its projection (processor and dead-letter processing group) and its table. */
    public record Source(String processor, String table) {
    }

    /** What a ledger's state is known by; equal stamps, equal ledgers. */
    public record Stamp(List<ByteBuffer> tokens, Long newestRow, Long deadLetters) {
    }

    private record Key(Source source, Stamp stamp, Object query, Sort sort) {
    }

    /** Marks a query with too many matches to keep (compared by identity, not by content). */
    private static final long[] TOO_MANY = new long[0];

    private final JdbcTemplate jdbc;
    private final int perQuery;
    private final AsyncCache<Key, long[]> remembered;

    public RememberedIds(JdbcTemplate jdbc,
                         @Value("${ledger.pages.remembered-ids:1000000}") long maximumIds,
                         @Value("${ledger.pages.remembered-ids-per-query:200000}") int perQuery) {
        this.jdbc = jdbc;
        // limit() asks the database for one id more than a query may keep: that must still be an int.
        this.perQuery = maximumIds <= 0 ? -1 : Math.max(0, Math.min(perQuery, Integer.MAX_VALUE - 1));
        this.remembered = Caffeine.newBuilder()
                .maximumWeight(Math.max(0, maximumIds))
                .weigher((Key key, long[] ids) -> ids.length + 1)
                .buildAsync();
    }

    /**
     * The row ids {@code read} answers for {@code query} in {@code sort} order, remembered until {@code source}
     * changes; null when there are more than the per-query bound (the caller reads page by page instead).
     * Concurrent readers of the same query and state wait for one read instead of each making their own.
     *
     * @param query every input of the query besides the ledger's state and the sort (a record of the filter,
     *              the resolved units, the scope, asOf, today)
     * @param read  reads the sorted ids; asked for at most {@link #limit()} of them
     */
    public long[] sorted(Source source, Object query, Sort sort, Supplier<List<Long>> read) {
        if (perQuery < 0) {
            return null;
        }
        Key key = new Key(source, stamp(source), query, sort);
        CompletableFuture<long[]> mine = new CompletableFuture<>();
        CompletableFuture<long[]> known = remembered.asMap().putIfAbsent(key, mine);
        if (known != null) {
            return answer(Await.result(known));
        }
        try {
            List<Long> ids = read.get();
            long[] found = ids.size() > perQuery ? TOO_MANY : ids.stream().mapToLong(Long::longValue).toArray();
            mine.complete(found);
            forgetOtherStates(key);
            return answer(found);
        } catch (RuntimeException e) {
            remembered.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** How many ids {@link #sorted}'s read should ask for: one more than it keeps, to tell a query that is too big. */
    public int limit() {
        return perQuery + 1;
    }

    private static long[] answer(long[] ids) {
        return ids == TOO_MANY ? null : ids;
    }

    /** Drops the entries of the ledger filed under other states: once it has changed they are never asked for. */
    private void forgetOtherStates(Key current) {
        remembered.asMap().keySet().removeIf(key -> key.source().equals(current.source())
                && !key.stamp().equals(current.stamp()));
    }

    /**
     * The state {@code source} is in now, in one statement: its projection's tokens (one row per segment, none before
     * its first start), the newest row id of its table and the number of its dead letters.
     */
    public Stamp stamp(Source source) {
        // The left join gives one row when the projection has no token yet, one per segment when it has.
        List<StampRow> rows = jdbc.query("select t.token, (select max(row_id) from " + source.table() + ") as newest,"
                + " (select count(*) from dead_letter_entry where processing_group = ?) as letters"
                + " from (values (1)) as one (x) left join token_entry t on t.processor_name = ?"
                + " order by t.segment", (row, number) -> {
                    byte[] token = row.getBytes("token");
                    long newest = row.getLong("newest");
                    return new StampRow(token == null ? null : ByteBuffer.wrap(token), row.wasNull() ? null : newest,
                            row.getLong("letters"));
                }, source.processor(), source.processor());
        return new Stamp(rows.stream().map(StampRow::token).toList(), rows.get(0).newestRow(),
                rows.get(0).deadLetters());
    }

    private record StampRow(ByteBuffer token, Long newestRow, long deadLetters) {
    }
}
