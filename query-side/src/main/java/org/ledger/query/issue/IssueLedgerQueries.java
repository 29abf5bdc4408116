package org.ledger.query.issue;

import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jakarta.persistence.criteria.Predicate;
import org.ledger.query.access.ReadScope;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.LedgerPaging;
import org.ledger.query.support.LedgerRows;
import org.ledger.query.support.PageAnswer;
import org.ledger.query.support.ProjectionNames;
import org.ledger.query.support.RememberedIds;
import org.ledger.query.support.TextSearch;
import org.ledger.query.support.Validity;
import org.ledger.query.unit.UnitTree;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Reads the issue ledger. {@code asOf} null reads the current ledger; an instant reads the ledger as it was then.
 */
@Service
@BoundedRead
public class IssueLedgerQueries {

    /** Sortable properties of the issue ledger: API name → entity attribute. */
    public static final LedgerPaging PAGING = new LedgerPaging(Map.ofEntries(
            Map.entry("id", "issueId"),
            Map.entry("foundOn", "foundOn"),
            Map.entry("registeredAt", "registeredAt"),
            Map.entry("updatedAt", "updatedAt"),
            Map.entry("title", "title"),
            Map.entry("status", "status"),
            Map.entry("source", "source"),
            Map.entry("category", "category"),
            Map.entry("severity", "severity"),
            Map.entry("responsibleUnitId", "responsibleUnitId"),
            Map.entry("itemCount", "itemCount")),
            Sort.by(Sort.Order.desc("foundOn"), Sort.Order.desc("registeredAt")), "issueId");

    /** Where the remembered ids of this ledger's lists and exports come from (RememberedIds). */
    private static final RememberedIds.Source LEDGER =
            new RememberedIds.Source(ProjectionNames.ISSUE_LEDGER, "issue_ledger", "id", "issueId");

    private final IssueLedgerRepository rows;
    private final EntityManager entityManager;
    private final UnitTree unitTree;
    private final ReadScopes scopes;
    private final RememberedIds remembered;
    private final NamedParameterJdbcTemplate jdbc;
    /** Asked to write what the current transaction holds back before each read: a no-op but in the writer's own. */
    private final IssueLedgerTable table;

    public IssueLedgerQueries(IssueLedgerRepository rows, EntityManager entityManager, UnitTree unitTree,
                              ReadScopes scopes, RememberedIds remembered, JdbcTemplate jdbc,
                              IssueLedgerTable table) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.unitTree = unitTree;
        this.scopes = scopes;
        this.remembered = remembered;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.table = table;
    }

    /**
     * Everything a list or an export depends on besides the ledger's rows and the sort: the key of its remembered ids.
     *
     * @param units the subtree the unit filter resolved to (null: any unit)
     */
    private record Query(IssueLedgerFilter filter, Set<String> units, ReadScope scope, Instant asOf)
            implements RememberedIds.Query {

        @Override
        public boolean current() {
            return asOf == null;
        }
    }

    /** Read access (DESIGN.md §6): an issue is visible when its responsible or its raising unit is in scope. */
    private static Specification<IssueLedgerRow> visible(ReadScope scope) {
        return scope.anyOf("responsibleUnitId", "raisedByUnitId");
    }

    public PageAnswer<IssueLedgerEntry> list(IssueLedgerFilter filter, Pageable pageable, Instant asOf) {
        table.writeHeldBack();
        Query query = query(filter, asOf);
        return PageAnswer.of(LedgerRows.page(entityManager, IssueLedgerRow.class, selecting(query), pageable,
                remembered, LEDGER, query, this::read), IssueLedgerEntry::of);
    }

    /** An export's first read: the row ids of the whole filtered ledger, in {@code sort} order ({@link LedgerRows}). */
    public List<Long> rowIds(IssueLedgerFilter filter, Sort sort, Instant asOf) {
        table.writeHeldBack();
        Query query = query(filter, asOf);
        return LedgerRows.ids(entityManager, IssueLedgerRow.class, selecting(query), sort, remembered, LEDGER, query);
    }

    /** An export's further reads: the entries of these row ids, in their order. */
    public List<IssueLedgerEntry> rows(List<Long> rowIds) {
        return read(rowIds).stream().map(IssueLedgerEntry::of).toList();
    }

    /** The rows with these row ids, in their order, by plain JDBC ({@link IssueLedgerRow#read}). */
    private List<IssueLedgerRow> read(List<Long> rowIds) {
        table.writeHeldBack();
        return LedgerRows.read(jdbc, "issue_ledger", (row, number) -> IssueLedgerRow.read(row), rowIds);
    }

    private Query query(IssueLedgerFilter filter, Instant asOf) {
        // "unit (including its subtree)" (DESIGN.md §4): the tree as it was at the instant the ledger is read.
        Set<String> units = filter.unitId() == null || filter.unitId().isBlank() ? null
                : unitTree.subtree(filter.unitId(), asOf);
        return new Query(filter, units, scopes.current(), asOf);
    }

    private static Specification<IssueLedgerRow> selecting(Query query) {
        return Validity.<IssueLedgerRow>at(query.asOf()).and(matching(query.filter(), query.units()))
                .and(visible(query.scope()));
    }

    public Optional<IssueLedgerEntry> find(String issueId, Instant asOf) {
        table.writeHeldBack();
        Specification<IssueLedgerRow> byId = (root, query, cb) -> cb.equal(root.get("issueId"), issueId);
        return rows.findOne(Validity.<IssueLedgerRow>at(asOf).and(byId).and(visible(scopes.current())))
                .map(IssueLedgerEntry::of);
    }

    /** @param units the responsible units to match (a unit and its subtree); null for any unit */
    static Specification<IssueLedgerRow> matching(IssueLedgerFilter f, Set<String> units) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (units != null) {
                where.add(root.get("responsibleUnitId").in(units));
            }
            if (f.statuses() != null && !f.statuses().isEmpty()) {
                where.add(root.get("status").in(f.statuses()));
            }
            if (f.source() != null) {
                where.add(cb.equal(root.get("source"), f.source()));
            }
            if (f.category() != null && !f.category().isBlank()) {
                where.add(cb.equal(root.get("category"), f.category()));
            }
            if (f.q() != null && !f.q().isBlank()) {
                String pattern = TextSearch.pattern(f.q());
                where.add(cb.or(TextSearch.contains(cb, root.get("title"), pattern),
                        TextSearch.contains(cb, root.get("description"), pattern)));
            }
            if (f.foundFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("foundOn"), f.foundFrom()));
            }
            if (f.foundTo() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("foundOn"), f.foundTo()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
