package org.ledger.query.statistics;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ledger.kernel.Labelled;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.unit.UnitNode;
import org.ledger.query.access.ReadScope;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.unit.UnitQueries;
import org.ledger.query.unit.UnitTree;
import org.springframework.stereotype.Service;

/**
 * Computes the rectification statistics with SQL aggregates over the fact versions valid at {@code asOf} (the
 * current versions when null). Each grouping runs two grouped queries, one over the issue facts and one over the
 * item facts; the unit roll-up then adds the per-unit tallies of each child's subtree (every figure is additive,
 * see {@link Tally}). The unit tree is the query side's {@link UnitTree} as it was at {@code asOf}: the
 * statistics use its Java API, never its tables. Definitions: README-statistics.
 */
@Service
@BoundedRead
public class RectificationStatisticsQueries {

    /** What a row is. */
    public enum GroupBy {
        UNIT, SOURCE, TYPE;

        /** The API's lower-case name, or empty for anything else. */
        public static Optional<GroupBy> parse(String value) {
            for (GroupBy groupBy : values()) {
                if (groupBy.apiName().equals(value)) {
                    return Optional.of(groupBy);
                }
            }
            return Optional.empty();
        }

        public String apiName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Thrown for a unit the tree does not know at {@code asOf}. */
    public static class UnknownUnit extends RuntimeException {
        UnknownUnit(String unitId) {
            super("No unit '" + unitId + "'");
        }
    }

    private final EntityManager entityManager;
    private final UnitTree unitTree;
    private final UnitQueries units;
    private final Clock clock;
    private final ReadScopes scopes;
    /** Asked to write what the current transaction holds back before each read: a no-op but in the writer's own. */
    private final StatisticsItemTable items;

    public RectificationStatisticsQueries(EntityManager entityManager, UnitTree unitTree, UnitQueries units,
                                          Clock clock, ReadScopes scopes, StatisticsItemTable items) {
        this.entityManager = entityManager;
        this.unitTree = unitTree;
        this.units = units;
        this.clock = clock;
        this.scopes = scopes;
        this.items = items;
    }

    /**
     * Read access (DESIGN.md §6): the unit tree shows only the reader's scope, so a unit outside it is unknown
     * (404); a reader who does not read everything counts from their own unit when they name none; and what is
     * counted is cut to the scope (an as-of subtree may hold units that are no longer the reader's).
     *
     * @param unitId the unit whose subtree is counted; null for everything (for a reader of everything)
     * @param from   first day of the period (inclusive) or null
     * @param to     last day of the period (inclusive) or null
     * @param asOf   the instant; null for now (current facts, "today" from the clock)
     * @throws UnknownUnit when {@code unitId} names no unit at {@code asOf}
     */
    public RectificationStatistics compute(String unitId, GroupBy groupBy, LocalDate from, LocalDate to,
                                           Instant asOf) {
        items.writeHeldBack();
        Instant instant = asOf == null ? clock.instant() : asOf;
        LocalDate today = LocalDate.ofInstant(instant, clock.getZone());
        ReadScope readScope = scopes.current();
        if (unitId == null && !readScope.all()) {
            String own = scopes.reader().unit();
            if (own == null || own.isBlank()) {
                throw new UnknownUnit("(the reader has no unit)");
            }
            unitId = own;
        }
        List<UnitNode> forest = units.tree(true, asOf);
        UnitNode unit = null;
        if (unitId != null) {
            String wanted = unitId;
            unit = find(forest, wanted).orElseThrow(() -> new UnknownUnit(wanted));
        }
        Set<String> scope = unitId == null ? null : unitTree.subtree(unitId, asOf);
        if (scope != null && !readScope.all()) {
            scope.retainAll(readScope.units());
        }
        Query query = new Query(scope, from, to, asOf, today);

        List<StatisticsRow> rows = new ArrayList<>();
        Tally total = new Tally();
        switch (groupBy) {
            case UNIT -> {
                List<UnitNode> children = unit == null ? forest : unit.children();
                Map<String, Tally> byUnit = new HashMap<>();
                issueTallies("i.responsibleUnitId", query).forEach((key, tally) ->
                        byUnit.computeIfAbsent(key, k -> new Tally()).add(tally));
                itemTallies("f.ownerUnitId", query).forEach((key, tally) ->
                        byUnit.computeIfAbsent(key, k -> new Tally()).add(tally));
                byUnit.values().forEach(total::add);
                for (UnitNode child : children) {
                    Tally rolledUp = new Tally();
                    for (String member : unitTree.subtree(child.id(), asOf)) {
                        Tally tally = byUnit.get(member);
                        if (tally != null) {
                            rolledUp.add(tally);
                        }
                    }
                    rows.add(rolledUp.row(child.id(), child.name()));
                }
            }
            case SOURCE -> {
                Map<String, Tally> bySource = new HashMap<>();
                issueTallies("i.source", query).forEach((key, tally) ->
                        bySource.computeIfAbsent(key, k -> new Tally()).add(tally));
                itemTallies("f.issueSource", query).forEach((key, tally) ->
                        bySource.computeIfAbsent(key, k -> new Tally()).add(tally));
                bySource.values().forEach(total::add);
                enumRows(IssueSource.values(), bySource, rows);
            }
            case TYPE -> {
                issueTallies("i.source", query).values().forEach(total::add);
                Map<String, Tally> byType = itemTallies("f.type", query);
                byType.values().forEach(total::addItems);
                Map<String, Tally> withIssues = new HashMap<>();
                byType.forEach((key, tally) -> {
                    Tally shown = new Tally();
                    shown.addItems(tally);
                    shown.issues = tally.distinctIssuesOfItems;
                    withIssues.put(key, shown);
                });
                enumRows(RectificationType.values(), withIssues, rows);
            }
            default -> throw new IllegalArgumentException("groupBy " + groupBy);
        }
        String totalLabel = unit == null ? "全部" : unit.name();
        return new RectificationStatistics(instant, today, unitId, new RectificationStatistics.Period(from, to),
                groupBy.apiName(), rows, total.row(unitId, totalLabel));
    }

    /** One row per constant, in declaration order, also when it counts nothing (zero is a figure too). */
    private static <E extends Enum<E> & Labelled> void enumRows(E[] constants, Map<String, Tally> tallies,
                                                                List<StatisticsRow> rows) {
        for (E constant : constants) {
            Tally tally = tallies.getOrDefault(constant.name(), new Tally());
            rows.add(tally.row(constant.name(), constant.label()));
        }
    }

    private static Optional<UnitNode> find(List<UnitNode> nodes, String unitId) {
        for (UnitNode node : nodes) {
            if (node.id().equals(unitId)) {
                return Optional.of(node);
            }
            Optional<UnitNode> nested = find(node.children(), unitId);
            if (nested.isPresent()) {
                return nested;
            }
        }
        return Optional.empty();
    }

    /** The filters every aggregate shares. */
    private record Query(Set<String> scope, LocalDate from, LocalDate to, Instant asOf, LocalDate today) {
    }

    /** Issue counts per key: issues found in the period, in the scope (by responsible unit), valid at asOf. */
    private Map<String, Tally> issueTallies(String key, Query q) {
        StringBuilder jpql = new StringBuilder("select ").append(key).append(", ")
                .append("sum(case when i.dismissed = false then 1 else 0 end), ")
                .append("sum(case when i.dismissed = true then 1 else 0 end) ")
                .append("from StatisticsIssueFact i where ").append(validity("i", q.asOf()));
        if (q.from() != null) {
            jpql.append(" and i.foundOn >= :from");
        }
        if (q.to() != null) {
            jpql.append(" and i.foundOn <= :to");
        }
        if (q.scope() != null) {
            jpql.append(" and i.responsibleUnitId in :scope");
        }
        jpql.append(" group by ").append(key);
        TypedQuery<Object[]> query = entityManager.createQuery(jpql.toString(), Object[].class);
        bind(query, q, false);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            Tally tally = new Tally();
            tally.addIssues(number(row[1]), number(row[2]));
            tallies.put(keyOf(row[0]), tally);
        }
        return tallies;
    }

    /**
     * Item figures per key: items planned in the period, of issues not dismissed, in the scope (by owner unit),
     * valid at asOf.
     */
    private Map<String, Tally> itemTallies(String key, Query q) {
        StringBuilder jpql = new StringBuilder("select ").append(key).append(", count(f), ")
                .append("sum(case when f.status = :closed then 1 else 0 end), ")
                .append("sum(case when f.status = :ongoing then 1 else 0 end), ")
                .append("sum(case when f.status = :closed and f.closedOn <= f.originalDeadline then 1 else 0 end), ")
                .append("sum(case when f.status = :closed and f.closedOn <= f.effectiveDeadline then 1 else 0 end), ")
                .append("sum(case when f.status <> :closed and f.status <> :ongoing and f.effectiveDeadline < :today ")
                .append("then 1 else 0 end), ")
                .append("sum(case when f.reopenCount > 0 then 1 else 0 end), ")
                .append("sum(case when f.status = :closed then f.daysToClose else 0 end), ")
                .append("count(distinct f.issueId) ")
                .append("from StatisticsItemFact f where f.dismissed = false and ").append(validity("f", q.asOf()));
        if (q.from() != null) {
            jpql.append(" and f.plannedOn >= :from");
        }
        if (q.to() != null) {
            jpql.append(" and f.plannedOn <= :to");
        }
        if (q.scope() != null) {
            jpql.append(" and f.ownerUnitId in :scope");
        }
        jpql.append(" group by ").append(key);
        TypedQuery<Object[]> query = entityManager.createQuery(jpql.toString(), Object[].class);
        bind(query, q, true);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            Tally tally = new Tally();
            tally.items = number(row[1]);
            tally.closed = number(row[2]);
            tally.ongoing = number(row[3]);
            tally.closedOnTimeOriginal = number(row[4]);
            tally.closedOnTimeEffective = number(row[5]);
            tally.overdue = number(row[6]);
            tally.reopened = number(row[7]);
            tally.daysToCloseSum = number(row[8]);
            tally.distinctIssuesOfItems = number(row[9]);
            tallies.put(keyOf(row[0]), tally);
        }
        return tallies;
    }

    /** The fact versions valid at {@code asOf}: {@code validFrom <= asOf < validTo}, or the current ones. */
    private static String validity(String alias, Instant asOf) {
        if (asOf == null) {
            return alias + ".validTo is null";
        }
        return "(" + alias + ".validFrom <= :asOf and (" + alias + ".validTo is null or " + alias
                + ".validTo > :asOf))";
    }

    private static void bind(TypedQuery<Object[]> query, Query q, boolean items) {
        if (q.asOf() != null) {
            query.setParameter("asOf", q.asOf());
        }
        if (q.from() != null) {
            query.setParameter("from", q.from());
        }
        if (q.to() != null) {
            query.setParameter("to", q.to());
        }
        if (q.scope() != null) {
            query.setParameter("scope", q.scope());
        }
        if (items) {
            query.setParameter("closed", RectificationStatus.CLOSED);
            query.setParameter("ongoing", RectificationStatus.ONGOING);
            query.setParameter("today", q.today());
        }
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static String keyOf(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof Enum<?> constant ? constant.name() : value.toString();
    }
}
