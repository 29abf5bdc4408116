package org.ledger.query.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.data.support.PageableExecutionUtils;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.web.server.ResponseStatusException;

/**
 * How the ledgers are read: first the ids of the matching row versions in order, then the rows themselves by
 * primary key.
 *
 * <p>A page: the ids of every match in order, kept until the ledger changes ({@link RememberedIds}), then the 20 rows
 * of its slice; the count is the number of ids. Selecting only the id lets the database answer from an index that
 * holds the filtered and sorted columns (Flyway V12, V13), without reading the wide rows of every match; reading
 * whole rows to sort them and keep 20 made a supervisor's page over 100,000 items read 50,000 rows twice, past the
 * 10 s query timeout under 16 readers (the benchmark, issue 9). A query with more matches than are kept reads the
 * ids of its page and the count instead.
 *
 * <p>An export: the ids of every matching row in the export's order (one query, one sort, a few bytes per row), then
 * the rows, a chunk of ids at a time.
 *
 * <p>Reading page after page instead made the database filter and sort the whole ledger again for every chunk of
 * 1,000 rows (and count it): quadratic in the ledger's size. And the ids are one consistent snapshot: rows written
 * while the export runs add new versions with new ids and shift nothing, where a later page would have repeated or
 * skipped rows. A version, once written, only gets its end of validity set, which no export column shows.
 */
public final class LedgerRows {

    /** Ids per select of {@link #read}. */
    static final int IDS_PER_SELECT = 100;

    private LedgerRows() {
    }

    /**
     * The page of the rows {@code where} selects that {@code pageable} names, with the count of them all: a slice of
     * the query's sorted ids as {@code remembered} keeps them while the ledger does not change, else (more matches
     * than it keeps) the page's ids and the count from the database.
     *
     * @param query    every input of {@code where} (see {@link RememberedIds#sorted})
     * @param rowsById the rows with these ids, in their order ({@link #load} or {@link #read})
     */
    public static <T extends LedgerVersion> Page<T> page(EntityManager entityManager, Class<T> type,
                                                       Specification<T> where, Pageable pageable,
                                                       RememberedIds remembered, RememberedIds.Source source,
                                                       RememberedIds.Query query,
                                                       Function<List<Long>, List<T>> rowsById) {
        long[] all = remembered(entityManager, type, where, pageable.getSort(), remembered, source, query);
        if (all == null) {
            return page(entityManager, type, where, pageable, rowsById);
        }
        int from = pageable.isPaged() ? (int) Math.min(all.length, pageable.getOffset()) : 0;
        int to = pageable.isPaged() ? (int) Math.min(all.length, (long) from + pageable.getPageSize()) : all.length;
        List<Long> ids = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            ids.add(all[i]);
        }
        return new PageImpl<>(rowsById.apply(ids), pageable, all.length);
    }

    /** The page {@code pageable} names and the count, both read from the database. */
    private static <T extends LedgerVersion> Page<T> page(EntityManager entityManager, Class<T> type,
                                                        Specification<T> where, Pageable pageable,
                                                        Function<List<Long>, List<T>> rowsById) {
        TypedQuery<Long> ids = idQuery(entityManager, type, where, pageable.getSort());
        if (pageable.isPaged()) {
            ids.setFirstResult(Math.toIntExact(pageable.getOffset())).setMaxResults(pageable.getPageSize());
        }
        List<T> rows = rowsById.apply(ids.getResultList());
        return PageableExecutionUtils.getPage(rows, pageable, () -> longs(entityManager, type, where,
                (cb, root) -> cb.count(root.get("rowId")), Sort.unsorted()).getSingleResult());
    }

    /**
     * The row ids ({@link LedgerVersion#getRowId()}) of every row {@code where} selects, in {@code sort} order: an
     * export's first read, remembered as a page's are.
     */
    public static <T extends LedgerVersion> List<Long> ids(EntityManager entityManager, Class<T> type,
                                                         Specification<T> where, Sort sort,
                                                         RememberedIds remembered, RememberedIds.Source source,
                                                         RememberedIds.Query query) {
        long[] all = remembered(entityManager, type, where, sort, remembered, source, query);
        return all == null ? idQuery(entityManager, type, where, sort).getResultList()
                : Arrays.stream(all).boxed().toList();
    }

    /** The sorted ids of every row {@code where} selects as {@code remembered} keeps them; null: too many to keep. */
    private static <T extends LedgerVersion> long[] remembered(EntityManager entityManager, Class<T> type,
                                                             Specification<T> where, Sort sort,
                                                             RememberedIds remembered, RememberedIds.Source source,
                                                             RememberedIds.Query query) {
        return remembered.sorted(source, query, sort, new RememberedIds.Reader() {
            @Override
            public List<Long> all() {
                return idQuery(entityManager, type, where, sort).setMaxResults(remembered.limit()).getResultList();
            }

            @Override
            public List<Long> matchesAmong(Collection<String> items) {
                Specification<T> among = (root, criteria, cb) -> root.get(source.itemAttribute()).in(items);
                return idQuery(entityManager, type, where.and(among), sort).getResultList();
            }

            @Override
            public List<Long> inOrder(Collection<Long> rowIds) {
                Specification<T> these = (root, criteria, cb) -> root.get("rowId").in(rowIds);
                return idQuery(entityManager, type, these, sort).getResultList();
            }
        });
    }

    /** The row ids ({@link LedgerVersion#getRowId()}) of the rows {@code where} selects, in {@code sort} order. */
    private static <T extends LedgerVersion> TypedQuery<Long> idQuery(EntityManager entityManager, Class<T> type,
                                                                    Specification<T> where, Sort sort) {
        return longs(entityManager, type, where, (cb, root) -> root.<Long>get("rowId"), sort);
    }

    /** One number per row {@code where} selects (its id), or one for them all (their count). */
    private static <T extends LedgerVersion> TypedQuery<Long> longs(
            EntityManager entityManager, Class<T> type, Specification<T> where,
            BiFunction<CriteriaBuilder, Root<T>, Expression<Long>> value, Sort sort) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        Predicate predicate = where.toPredicate(root, query, cb);
        if (predicate != null) {
            query.where(predicate);
        }
        query.select(value.apply(cb, root)).orderBy(QueryUtils.toOrders(sort, root, cb));
        return entityManager.createQuery(query);
    }

    /**
     * The rows with these ids, in the order of {@code ids}, as JPA entities: a page's rows, and the chunks of the
     * exports that have no JDBC reader ({@link #read}).
     *
     * @throws ResponseStatusException 503 when a row is gone (a rebuild emptied the ledger meanwhile): a page or an
     *                                 export that silently left rows out would be worse than none (once an export's
     *                                 file has begun, the connection is cut instead)
     */
    public static <T extends LedgerVersion> List<T> load(JpaRepository<T, Long> repository, List<Long> ids) {
        return inOrder(repository.findAllById(ids), ids);
    }

    /**
     * The rows with these ids, in the order of {@code ids}, read by plain JDBC from {@code table} and built by
     * {@code reader} without JPA (an export's chunks: Hibernate building and tracking 100,000 entities was a large
     * part of an export's time). Asks for {@value #IDS_PER_SELECT} ids per select: H2 checks every row it finds
     * against the whole {@code IN} list, so 100,000 rows read 1,000 ids at a time took 1.5-1.6 s in H2 alone, 100 at
     * a time 1.26-1.29 s (issue 9).
     *
     * @throws ResponseStatusException 503 when a row is gone, as {@link #load}
     */
    public static <T extends LedgerVersion> List<T> read(NamedParameterJdbcTemplate jdbc, String table,
                                                       RowMapper<T> reader, List<Long> ids) {
        List<T> found = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IDS_PER_SELECT) {
            List<Long> slice = ids.subList(from, Math.min(ids.size(), from + IDS_PER_SELECT));
            found.addAll(jdbc.query("select * from " + table + " where row_id in (:ids)", Map.of("ids", slice),
                    reader));
        }
        return inOrder(found, ids);
    }

    private static <T extends LedgerVersion> List<T> inOrder(Iterable<T> found, List<Long> ids) {
        Map<Long, T> byId = new HashMap<>();
        for (T row : found) {
            byId.put(row.getRowId(), row);
        }
        List<T> ordered = new ArrayList<>(ids.size());
        for (Long id : ids) {
            T row = byId.get(id);
            if (row == null) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the ledger is being rebuilt: "
                        + "row " + id + " disappeared while it was read; retry in a few seconds");
            }
            ordered.add(row);
        }
        return ordered;
    }
}
