package org.ledger.query.agreement;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.Predicate;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ledger.kernel.agreement.TaskStatus;
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

/**
 * Reads the task ledger. {@code asOf} null reads the current ledger with "today" from the clock; an instant reads
 * the ledger as it was then, with overdue as it was on that day.
 */
@Service
@BoundedRead
public class TaskLedgerQueries {

    /** Sortable properties of the task ledger: API name → entity attribute. */
    public static final LedgerPaging PAGING = new LedgerPaging(Map.ofEntries(
            Map.entry("id", "taskId"),
            Map.entry("agreementId", "agreementId"),
            Map.entry("itemId", "itemId"),
            Map.entry("dueDate", "dueDate"),
            Map.entry("status", "status"),
            Map.entry("assigneeUnitId", "assigneeUnitId"),
            Map.entry("progressPercent", "progressPercent"),
            Map.entry("plannedAt", "plannedAt"),
            Map.entry("updatedAt", "updatedAt")),
            Sort.by(Sort.Order.asc("dueDate")), "rowId");

    /** Where the remembered ids of this ledger's lists and exports come from (RememberedIds). */
    private static final RememberedIds.Source LEDGER =
            new RememberedIds.Source(ProjectionNames.TASK_LEDGER, "task_ledger");

    private final TaskLedgerRepository rows;
    private final EntityManager entityManager;
    private final Clock clock;
    private final UnitTree unitTree;
    private final ReadScopes scopes;
    private final RememberedIds remembered;

    public TaskLedgerQueries(TaskLedgerRepository rows, EntityManager entityManager, Clock clock, UnitTree unitTree,
                             ReadScopes scopes, RememberedIds remembered) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.clock = clock;
        this.unitTree = unitTree;
        this.scopes = scopes;
        this.remembered = remembered;
    }

    /**
     * Everything a list or an export depends on besides the ledger's rows and the sort: the key of its remembered ids.
     *
     * @param units the subtree the unit filter resolved to (null: any unit)
     * @param today the day overdue is judged on
     */
    private record Query(TaskLedgerFilter filter, Set<String> units, ReadScope scope, Instant asOf, LocalDate today)
            implements RememberedIds.Query {

        @Override
        public boolean current() {
            return asOf == null;
        }
    }

    /** Read access (DESIGN.md §6): a task is visible when its assignee or its agreement's responsible unit is. */
    private static Specification<TaskLedgerRow> visible(ReadScope scope) {
        return scope.anyOf("assigneeUnitId", "responsibleUnitId");
    }

    public PageAnswer<TaskLedgerEntry> list(TaskLedgerFilter filter, Pageable pageable, Instant asOf) {
        Query query = query(filter, asOf);
        return PageAnswer.of(LedgerRows.page(entityManager, TaskLedgerRow.class, selecting(query), pageable,
                        remembered, LEDGER, query, ids -> LedgerRows.load(rows, ids)),
                row -> TaskLedgerEntry.of(row, query.today()));
    }

    /** An export's first read: the row ids of the whole filtered ledger, in {@code sort} order ({@link LedgerRows}). */
    public List<Long> rowIds(TaskLedgerFilter filter, Sort sort, Instant asOf) {
        Query query = query(filter, asOf);
        return LedgerRows.ids(entityManager, TaskLedgerRow.class, selecting(query), sort, remembered, LEDGER, query);
    }

    /** An export's further reads: the entries of these row ids, in their order. */
    public List<TaskLedgerEntry> rows(List<Long> rowIds, Instant asOf) {
        LocalDate today = today(asOf);
        return LedgerRows.load(rows, rowIds).stream().map(row -> TaskLedgerEntry.of(row, today)).toList();
    }

    private Query query(TaskLedgerFilter filter, Instant asOf) {
        Set<String> units = filter.unitId() == null || filter.unitId().isBlank() ? null
                : unitTree.subtree(filter.unitId(), asOf);
        return new Query(filter, units, scopes.current(), asOf, today(asOf));
    }

    private static Specification<TaskLedgerRow> selecting(Query query) {
        return Validity.<TaskLedgerRow>at(query.asOf()).and(matching(query.filter(), query.units(), query.today()))
                .and(visible(query.scope()));
    }

    /**
     * The tasks with this id at {@code asOf} (null: now), optionally of one agreement. Task ids are unique within
     * an agreement; two agreements may use the same id, so the answer may hold several.
     */
    public List<TaskLedgerEntry> find(String taskId, String agreementId, Instant asOf) {
        LocalDate today = today(asOf);
        Specification<TaskLedgerRow> byId = (root, query, cb) -> agreementId == null || agreementId.isBlank()
                ? cb.equal(root.get("taskId"), taskId)
                : cb.and(cb.equal(root.get("taskId"), taskId), cb.equal(root.get("agreementId"), agreementId));
        return rows.findAll(Validity.<TaskLedgerRow>at(asOf).and(byId).and(visible(scopes.current())),
                        Sort.by("agreementId"))
                .stream()
                .map(row -> TaskLedgerEntry.of(row, today)).toList();
    }

    /** The day overdue is judged on: today, or the day of {@code asOf}, in the clock's zone. */
    LocalDate today(Instant asOf) {
        return LocalDate.ofInstant(asOf == null ? clock.instant() : asOf, clock.getZone());
    }

    static Specification<TaskLedgerRow> matching(TaskLedgerFilter f, Set<String> units, LocalDate today) {
        return (root, query, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (units != null) {
                where.add(root.get("assigneeUnitId").in(units));
            }
            if (f.agreementId() != null && !f.agreementId().isBlank()) {
                where.add(cb.equal(root.get("agreementId"), f.agreementId()));
            }
            if (f.statuses() != null && !f.statuses().isEmpty()) {
                where.add(root.get("status").in(f.statuses()));
            }
            if (f.dueFrom() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("dueDate"), f.dueFrom()));
            }
            if (f.dueTo() != null) {
                where.add(cb.lessThanOrEqualTo(root.get("dueDate"), f.dueTo()));
            }
            if (f.q() != null && !f.q().isBlank()) {
                String pattern = TextSearch.pattern(f.q());
                where.add(cb.or(TextSearch.contains(cb, root.get("description"), pattern),
                        TextSearch.contains(cb, root.get("itemContent"), pattern),
                        TextSearch.contains(cb, root.get("assigneeName"), pattern)));
            }
            if (f.warningLevel() != null) {
                where.add(cb.equal(root.get("warningLevel"), f.warningLevel()));
            }
            if (f.overdue() != null) {
                Predicate overdue = cb.and(cb.lessThan(root.get("dueDate"), today),
                        cb.notEqual(root.get("status"), TaskStatus.COMPLETED));
                where.add(f.overdue() ? overdue : cb.not(overdue));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
