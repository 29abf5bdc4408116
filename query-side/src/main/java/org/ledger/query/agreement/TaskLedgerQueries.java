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
import org.ledger.query.access.ReadScopes;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.LedgerPaging;
import org.ledger.query.support.LedgerRows;
import org.ledger.query.support.PageAnswer;
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

    private final TaskLedgerRepository rows;
    private final EntityManager entityManager;
    private final Clock clock;
    private final UnitTree unitTree;
    private final ReadScopes scopes;

    public TaskLedgerQueries(TaskLedgerRepository rows, EntityManager entityManager, Clock clock, UnitTree unitTree,
                             ReadScopes scopes) {
        this.rows = rows;
        this.entityManager = entityManager;
        this.clock = clock;
        this.unitTree = unitTree;
        this.scopes = scopes;
    }

    /** Read access (DESIGN.md §6): a task is visible when its assignee or its agreement's responsible unit is. */
    private Specification<TaskLedgerRow> visible() {
        return scopes.current().anyOf("assigneeUnitId", "responsibleUnitId");
    }

    public PageAnswer<TaskLedgerEntry> list(TaskLedgerFilter filter, Pageable pageable, Instant asOf) {
        LocalDate today = today(asOf);
        return PageAnswer.of(LedgerRows.page(entityManager, rows, TaskLedgerRow.class,
                selecting(filter, asOf, today), pageable), row -> TaskLedgerEntry.of(row, today));
    }

    /** An export's first read: the row ids of the whole filtered ledger, in {@code sort} order ({@link LedgerRows}). */
    public List<Long> rowIds(TaskLedgerFilter filter, Sort sort, Instant asOf) {
        return LedgerRows.ids(entityManager, TaskLedgerRow.class, selecting(filter, asOf, today(asOf)), sort);
    }

    /** An export's further reads: the entries of these row ids, in their order. */
    public List<TaskLedgerEntry> rows(List<Long> rowIds, Instant asOf) {
        LocalDate today = today(asOf);
        return LedgerRows.load(rows, rowIds).stream().map(row -> TaskLedgerEntry.of(row, today)).toList();
    }

    private Specification<TaskLedgerRow> selecting(TaskLedgerFilter filter, Instant asOf, LocalDate today) {
        Set<String> units = filter.unitId() == null || filter.unitId().isBlank() ? null
                : unitTree.subtree(filter.unitId(), asOf);
        return Validity.<TaskLedgerRow>at(asOf).and(matching(filter, units, today)).and(visible());
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
        return rows.findAll(Validity.<TaskLedgerRow>at(asOf).and(byId).and(visible()), Sort.by("agreementId"))
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
