package org.ledger.query.support;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.query.QueryUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * How an export reads a whole ledger: first the ids of every matching row version in the export's order (one
 * query, one sort, a few bytes per row), then the rows themselves, a chunk of ids at a time, by primary key.
 *
 * <p>Reading page after page instead made the database filter and sort the whole ledger again for every chunk of
 * 1,000 rows (and count it): quadratic in the ledger's size. And the ids are one consistent snapshot: rows written
 * while the export runs add new versions with new ids and shift nothing, where a later page would have repeated or
 * skipped rows. A version, once written, only gets its end of validity set, which no export column shows.
 */
public final class LedgerRows {

    private LedgerRows() {
    }

    /** The row ids ({@link LedgerVersion#getRowId()}) of every row {@code where} selects, in {@code sort} order. */
    public static <T extends LedgerVersion> List<Long> ids(EntityManager entityManager, Class<T> type,
                                                         Specification<T> where, Sort sort) {
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<Long> query = cb.createQuery(Long.class);
        Root<T> root = query.from(type);
        Predicate predicate = where.toPredicate(root, query, cb);
        if (predicate != null) {
            query.where(predicate);
        }
        query.select(root.get("rowId")).orderBy(QueryUtils.toOrders(sort, root, cb));
        return entityManager.createQuery(query).getResultList();
    }

    /**
     * The rows with these ids, in the order of {@code ids}.
     *
     * @throws ResponseStatusException 503 when a row is gone (a rebuild emptied the ledger meanwhile): an export
     *                                 that silently left rows out would be worse than one that breaks off (once
     *                                 the file has begun, the connection is cut instead)
     */
    public static <T extends LedgerVersion> List<T> load(JpaRepository<T, Long> repository, List<Long> ids) {
        Map<Long, T> byId = new HashMap<>();
        for (T row : repository.findAllById(ids)) {
            byId.put(row.getRowId(), row);
        }
        List<T> ordered = new ArrayList<>(ids.size());
        for (Long id : ids) {
            T row = byId.get(id);
            if (row == null) {
                throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "the ledger is being rebuilt: "
                        + "row " + id + " disappeared during the export; retry in a few seconds");
            }
            ordered.add(row);
        }
        return ordered;
    }
}
