package org.ledger.query.agreement;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import org.springframework.stereotype.Service;

/** Reads the responsibility ledger, now or as of an instant. */
@Service
@BoundedRead
public class ResponsibilityLedgerQueries {

    /** Sortable properties of the responsibility ledger: API name → entity attribute. */
    public static final LedgerPaging PAGING = new LedgerPaging(Map.ofEntries(
            Map.entry("id", "itemId"),
            Map.entry("agreementId", "agreementId"),
            Map.entry("category", "category"),
            Map.entry("weight", "weight"),
            Map.entry("score", "score"),
            Map.entry("status", "status"),
            Map.entry("periodStart", "periodStart"),
            Map.entry("periodEnd", "periodEnd"),
            Map.entry("responsibleUnitId", "responsibleUnitId"),
            Map.entry("openIssueCount", "openIssueCount"),
            Map.entry("addedAt", "addedAt"),
            Map.entry("updatedAt", "updatedAt")),
            Sort.by(Sort.Order.desc("periodStart"), Sort.Order.asc("agreementId"), Sort.Order.asc("addedAt")),
            "rowId");

    /** Where the remembered ids of this ledger's lists and exports come from (RememberedIds). */
    private static final RememberedIds.Source LEDGER =
            new RememberedIds.Source(ProjectionNames.RESPONSIBILITY_LEDGER, "responsibility_ledger");

    private final ResponsibilityLedgerRepository rows;
    private final EntityManager entityManager;
    private final ResponsibilityLedgerAgreementRepository agreements;
    private final UnitTree unitTree;
    private final ReadScopes scopes;
    private final RememberedIds remembered;

    public ResponsibilityLedgerQueries(ResponsibilityLedgerRepository rows, EntityManager entityManager,
                                       ResponsibilityLedgerAgreementRepository agreements, UnitTree unitTree,
                                       ReadScopes scopes, RememberedIds remembered) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.agreements = agreements;
        this.unitTree = unitTree;
        this.scopes = scopes;
        this.remembered = remembered;
    }

    /**
     * Everything a list or an export depends on besides the ledger's rows and the sort: the key of its remembered ids.
     *
     * @param units the subtree the unit filter resolved to (null: any unit)
     */
    private record Query(ResponsibilityLedgerFilter filter, Set<String> units, ReadScope scope, Instant asOf)
            implements RememberedIds.Query {

        @Override
        public boolean current() {
            return asOf == null;
        }
    }

    public PageAnswer<ResponsibilityLedgerEntry> list(ResponsibilityLedgerFilter filter, Pageable pageable,
                                                      Instant asOf) {
        Query query = query(filter, asOf);
        return PageAnswer.of(LedgerRows.page(entityManager, ResponsibilityLedgerRow.class, selecting(query),
                        pageable, remembered, LEDGER, query, ids -> LedgerRows.load(rows, ids)),
                ResponsibilityLedgerEntry::of);
    }

    /** An export's first read: the row ids of the whole filtered ledger, in {@code sort} order ({@link LedgerRows}). */
    public List<Long> rowIds(ResponsibilityLedgerFilter filter, Sort sort, Instant asOf) {
        Query query = query(filter, asOf);
        return LedgerRows.ids(entityManager, ResponsibilityLedgerRow.class, selecting(query), sort, remembered, LEDGER,
                query);
    }

    /** An export's further reads: the entries of these row ids, in their order. */
    public List<ResponsibilityLedgerEntry> rows(List<Long> rowIds) {
        return LedgerRows.load(rows, rowIds).stream().map(ResponsibilityLedgerEntry::of).toList();
    }

    private Query query(ResponsibilityLedgerFilter filter, Instant asOf) {
        Set<String> units = filter.unitId() == null || filter.unitId().isBlank() ? null
                : unitTree.subtree(filter.unitId(), asOf);
        return new Query(filter, units, scopes.current(), asOf);
    }

    private static Specification<ResponsibilityLedgerRow> selecting(Query query) {
        return Validity.<ResponsibilityLedgerRow>at(query.asOf())
                .and(matching(query.filter(), query.units()))
                // Read access (DESIGN.md §6): visible when the issuer or the responsible unit is in scope.
                .and(query.scope().anyOf("issuerUnitId", "responsibleUnitId"));
    }

    /** The agreement with its items as they were at {@code asOf} (null: now). */
    public Optional<AgreementView> find(String agreementId, Instant asOf) {
        Specification<ResponsibilityLedgerAgreement> byId =
                (root, query, cb) -> cb.equal(root.get("agreementId"), agreementId);
        return agreements.findOne(Validity.<ResponsibilityLedgerAgreement>at(asOf).and(byId)
                .and(scopes.current().anyOf("issuerUnitId", "responsibleUnitId"))).map(agreement -> {
            Specification<ResponsibilityLedgerRow> items =
                    (root, query, cb) -> cb.equal(root.get("agreementId"), agreementId);
            List<ResponsibilityLedgerEntry> entries = rows.findAll(Validity.<ResponsibilityLedgerRow>at(asOf)
                            .and(items), Sort.by("addedAt", "itemId")).stream()
                    .map(ResponsibilityLedgerEntry::of).toList();
            return AgreementView.of(agreement, entries);
        });
    }

    static Specification<ResponsibilityLedgerRow> matching(ResponsibilityLedgerFilter f, Set<String> units) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (units != null) {
                where.add(cb.or(root.get("issuerUnitId").in(units), root.get("responsibleUnitId").in(units)));
            }
            if (f.agreementId() != null && !f.agreementId().isBlank()) {
                where.add(cb.equal(root.get("agreementId"), f.agreementId()));
            }
            if (f.statuses() != null && !f.statuses().isEmpty()) {
                where.add(root.get("status").in(f.statuses()));
            }
            if (f.category() != null && !f.category().isBlank()) {
                where.add(cb.equal(root.get("category"), f.category()));
            }
            if (f.period() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("periodStart"), LocalDate.of(f.period(), 12, 31)));
                where.add(cb.greaterThanOrEqualTo(root.get("periodEnd"), LocalDate.of(f.period(), 1, 1)));
            }
            if (f.q() != null && !f.q().isBlank()) {
                String pattern = TextSearch.pattern(f.q());
                where.add(cb.or(TextSearch.contains(cb, root.get("content"), pattern),
                        TextSearch.contains(cb, root.get("category"), pattern),
                        TextSearch.contains(cb, root.get("agreementTitle"), pattern)));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
