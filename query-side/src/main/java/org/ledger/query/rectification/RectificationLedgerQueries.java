package org.ledger.query.rectification;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ledger.kernel.rectification.RectificationStatus;
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
 * Reads the rectification ledger. {@code asOf} null reads the current ledger with "today" from the clock; an
 * instant reads the ledger as it was then, with overdue and days left as they were on that day.
 */
@Service
@BoundedRead
public class RectificationLedgerQueries {

    /** Sortable properties of the rectification ledger: API name → entity attribute. */
    public static final LedgerPaging PAGING = new LedgerPaging(Map.ofEntries(
            Map.entry("id", "rectificationId"),
            Map.entry("issueId", "issueId"),
            Map.entry("effectiveDeadline", "effectiveDeadline"),
            Map.entry("originalDeadline", "originalDeadline"),
            Map.entry("plannedAt", "plannedAt"),
            Map.entry("updatedAt", "updatedAt"),
            Map.entry("status", "status"),
            Map.entry("type", "type"),
            Map.entry("ownerUnitId", "ownerUnitId"),
            Map.entry("issueSource", "issueSource"),
            Map.entry("progressPercent", "progressPercent"),
            Map.entry("closedOn", "closedOn")),
            Sort.by(Sort.Order.asc("effectiveDeadline")), "rectificationId");

    /** Where the remembered ids of this ledger's lists and exports come from (RememberedIds). */
    private static final RememberedIds.Source LEDGER =
            new RememberedIds.Source(ProjectionNames.RECTIFICATION_LEDGER, "rectification_ledger", "id",
                    "rectificationId");

    private static final List<RectificationStatus> SETTLED = List.of(RectificationStatus.CLOSED,
            RectificationStatus.ONGOING);

    private final RectificationLedgerRepository rows;
    private final EntityManager entityManager;
    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private final UnitTree unitTree;
    private final ReadScopes scopes;
    private final RememberedIds remembered;
    /** Asked to write what the current transaction holds back before each read: a no-op but in the writer's own. */
    private final RectificationLedgerTable table;

    public RectificationLedgerQueries(RectificationLedgerRepository rows, EntityManager entityManager,
                                      JdbcTemplate jdbc, Clock clock, UnitTree unitTree, ReadScopes scopes,
                                      RememberedIds remembered, RectificationLedgerTable table) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.jdbc = new NamedParameterJdbcTemplate(jdbc);
        this.clock = clock;
        this.unitTree = unitTree;
        this.scopes = scopes;
        this.remembered = remembered;
        this.table = table;
    }

    /**
     * Everything a list or an export depends on besides the ledger's rows and the sort: the key of its remembered ids.
     *
     * @param units the subtree the unit filter resolved to (null: any unit)
     * @param today the day overdue and "due within" are judged on
     */
    private record Query(RectificationLedgerFilter filter, Set<String> units, ReadScope scope, Instant asOf,
                         LocalDate today) implements RememberedIds.Query {

        @Override
        public boolean current() {
            return asOf == null;
        }
    }

    /** Read access (DESIGN.md §6): an item is visible when its owner unit or its issue's responsible unit is. */
    private static Specification<RectificationLedgerRow> visible(ReadScope scope) {
        return scope.anyOf("ownerUnitId", "issueResponsibleUnitId");
    }

    public PageAnswer<RectificationLedgerEntry> list(RectificationLedgerFilter filter, Pageable pageable,
                                                     Instant asOf) {
        table.writeHeldBack();
        Query query = query(filter, asOf);
        return PageAnswer.of(LedgerRows.page(entityManager, RectificationLedgerRow.class, selecting(query), pageable,
                remembered, LEDGER, query, this::read), row -> RectificationLedgerEntry.of(row, query.today()));
    }

    /** An export's first read: the row ids of the whole filtered ledger, in {@code sort} order ({@link LedgerRows}). */
    public List<Long> rowIds(RectificationLedgerFilter filter, Sort sort, Instant asOf) {
        table.writeHeldBack();
        Query query = query(filter, asOf);
        return LedgerRows.ids(entityManager, RectificationLedgerRow.class, selecting(query), sort, remembered, LEDGER,
                query);
    }

    /** An export's further reads: the entries of these row ids, in their order (plain JDBC, {@link LedgerRows#read}). */
    public List<RectificationLedgerEntry> rows(List<Long> rowIds, Instant asOf) {
        LocalDate today = today(asOf);
        return read(rowIds).stream().map(row -> RectificationLedgerEntry.of(row, today)).toList();
    }

    /** The rows with these ids, in their order, by plain JDBC (a page's 20 and an export's chunks). */
    private List<RectificationLedgerRow> read(List<Long> rowIds) {
        table.writeHeldBack();
        return LedgerRows.read(jdbc, "rectification_ledger", (row, number) -> RectificationLedgerRow.read(row), rowIds);
    }

    private Query query(RectificationLedgerFilter filter, Instant asOf) {
        // "unit (including its subtree)" (DESIGN.md §4): the tree as it was at the instant the ledger is read.
        Set<String> units = filter.unitId() == null || filter.unitId().isBlank() ? null
                : unitTree.subtree(filter.unitId(), asOf);
        return new Query(filter.viewerOnlyWhereItMatters(), units, scopes.current(), asOf, today(asOf));
    }

    private static Specification<RectificationLedgerRow> selecting(Query query) {
        return Validity.<RectificationLedgerRow>at(query.asOf())
                .and(matching(query.filter(), query.units(), query.today())).and(visible(query.scope()));
    }

    public Optional<RectificationLedgerEntry> find(String rectificationId, Instant asOf) {
        table.writeHeldBack();
        LocalDate today = today(asOf);
        Specification<RectificationLedgerRow> byId =
                (root, query, cb) -> cb.equal(root.get("rectificationId"), rectificationId);
        return rows.findOne(Validity.<RectificationLedgerRow>at(asOf).and(byId).and(visible(scopes.current())))
                .map(row -> RectificationLedgerEntry.of(row, today));
    }

    /** The day overdue is judged on: today, or the day of {@code asOf}, in the clock's zone. */
    LocalDate today(Instant asOf) {
        return LocalDate.ofInstant(asOf == null ? clock.instant() : asOf, clock.getZone());
    }

    /** A request not made by {@code viewer} (a request of unknown origin counts as someone else's). */
    private static Predicate notBy(jakarta.persistence.criteria.CriteriaBuilder cb,
                                   jakarta.persistence.criteria.Path<String> requester, String viewer) {
        return viewer == null ? cb.conjunction() : cb.or(cb.isNull(requester), cb.notEqual(requester, viewer));
    }

    /** @param units the owner units to match (a unit and its subtree); null for any unit */
    static Specification<RectificationLedgerRow> matching(RectificationLedgerFilter f, Set<String> units,
                                                          LocalDate today) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (units != null) {
                where.add(root.get("ownerUnitId").in(units));
            }
            if (f.issueId() != null && !f.issueId().isBlank()) {
                where.add(cb.equal(root.get("issueId"), f.issueId()));
            }
            if (f.statuses() != null && !f.statuses().isEmpty()) {
                where.add(root.get("status").in(f.statuses()));
            }
            if (f.source() != null) {
                where.add(cb.equal(root.get("issueSource"), f.source()));
            }
            if (f.type() != null) {
                where.add(cb.equal(root.get("type"), f.type()));
            }
            if (f.deadlineFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("effectiveDeadline"), f.deadlineFrom()));
            }
            if (f.deadlineTo() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("effectiveDeadline"), f.deadlineTo()));
            }
            if (f.q() != null && !f.q().isBlank()) {
                String pattern = TextSearch.pattern(f.q());
                where.add(cb.or(TextSearch.contains(cb, root.get("measure"), pattern),
                        TextSearch.contains(cb, root.get("issueTitle"), pattern)));
            }
            if (f.overdue() != null) {
                Predicate overdue = cb.and(
                        cb.lessThan(root.get("effectiveDeadline"), today),
                        cb.not(root.get("status").in(SETTLED)));
                where.add(f.overdue() ? overdue : cb.not(overdue));
            }
            if (f.warningLevel() != null) {
                where.add(cb.equal(root.get("warningLevel"), f.warningLevel()));
            }
            if (f.dueWithinDays() != null) {
                where.add(cb.between(root.get("effectiveDeadline"), today, today.plusDays(f.dueWithinDays())));
                where.add(cb.not(root.get("status").in(SETTLED)));
            }
            if (Boolean.TRUE.equals(f.awaitingMyVerification())) {
                where.add(cb.equal(root.get("status"), RectificationStatus.CLOSURE_REQUESTED));
                where.add(notBy(cb, root.get("closureRequestedBy"), f.viewer()));
            }
            if (Boolean.TRUE.equals(f.awaitingMyApproval())) {
                where.add(cb.or(
                        cb.equal(root.get("status"), RectificationStatus.PLANNED),
                        cb.and(cb.isNotNull(root.get("pendingExtensionRequestId")),
                                notBy(cb, root.get("extensionRequestedBy"), f.viewer()))));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
