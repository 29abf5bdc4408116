package org.ledger.query.agreement;

import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.ledger.kernel.agreement.AgreementEvents.AgreementArchived;
import org.ledger.kernel.agreement.AgreementEvents.AgreementCameIntoForce;
import org.ledger.kernel.agreement.AgreementEvents.AgreementDrafted;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemAdded;
import org.ledger.kernel.agreement.AgreementEvents.ResponsibilityItemChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskBecameOverdue;
import org.ledger.kernel.agreement.AgreementEvents.TaskCancelled;
import org.ledger.kernel.agreement.AgreementEvents.TaskChanged;
import org.ledger.kernel.agreement.AgreementEvents.TaskCompleted;
import org.ledger.kernel.agreement.AgreementEvents.TaskDueSoon;
import org.ledger.kernel.agreement.AgreementEvents.TaskPlanned;
import org.ledger.kernel.agreement.AgreementEvents.TaskProgressReported;
import org.ledger.kernel.agreement.AgreementId;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Builds the task ledger (任务清单) from the agreement events: one row per task with its item's category and content
 * and its agreement's title copied in. Every applied event closes the row's current version at the event's
 * timestamp and adds a new one; events already seen are skipped (the row's version is the agreement sequence
 * number of the last event applied). Overdue is not stored: it is judged at read time. The warning level is stored:
 * GREEN for an open task while its agreement is in force, raised to YELLOW/RED by the task's warning events, back to
 * GREEN when its due date moves, null once the task is completed or the agreement archived.
 */
@Component
@ProcessingGroup(ProjectionNames.TASK_LEDGER)
public class TaskLedgerProjection {

    private static final Logger log = LoggerFactory.getLogger(TaskLedgerProjection.class);

    private final TaskLedgerRepository rows;
    private final TaskLedgerAgreementRepository agreements;
    private final TaskLedgerItemRepository items;

    public TaskLedgerProjection(TaskLedgerRepository rows, TaskLedgerAgreementRepository agreements,
                                TaskLedgerItemRepository items) {
        this.rows = rows;
        this.agreements = agreements;
        this.items = items;
    }

    @EventHandler
    public void on(AgreementDrafted event) {
        String id = event.agreementId().value();
        if (!agreements.existsById(id)) {
            agreements.save(new TaskLedgerAgreement(id, event.title(), event.responsibleUnitId().value()));
        }
    }

    @EventHandler
    public void on(ResponsibilityItemAdded event) {
        String key = TaskLedgerItem.key(event.agreementId().value(), event.itemId().value());
        if (!items.existsById(key)) {
            items.save(new TaskLedgerItem(event.agreementId().value(), event.itemId().value(), event.category(),
                    event.content()));
        }
    }

    /** The item's new wording, on its note and on the current rows of its tasks. */
    @EventHandler
    public void on(ResponsibilityItemChanged event, @SequenceNumber long seq, @Timestamp Instant at) {
        String agreementId = event.agreementId().value();
        TaskLedgerItem item = items.findById(TaskLedgerItem.key(agreementId, event.itemId().value())).orElse(null);
        if (item == null) {
            return;
        }
        item.change(event.category(), event.content());
        items.save(item);
        for (TaskLedgerRow current : rows.findByAgreementIdAndItemIdAndValidToIsNull(agreementId,
                event.itemId().value())) {
            if (current.getVersion() >= seq) {
                continue;
            }
            TaskLedgerRow next = current.nextVersion(seq, at);
            current.supersede(at);
            next.copyFacts(null, item);
            rows.save(current);
            rows.save(next);
        }
    }

    @EventHandler
    public void on(TaskPlanned event, @SequenceNumber long seq, @Timestamp Instant at) {
        String agreementId = event.agreementId().value();
        if (rows.existsByAgreementIdAndTaskId(agreementId, event.taskId().value())) {
            return;
        }
        TaskLedgerRow row = new TaskLedgerRow(agreementId, event.taskId().value(), event.itemId().value(), seq, at);
        row.plan(event.description(), event.assigneeUnitId().value(), event.assigneeName(), event.dueDate());
        TaskLedgerAgreement agreement = agreements.findById(agreementId).orElse(null);
        row.copyFacts(agreement,
                items.findById(TaskLedgerItem.key(agreementId, event.itemId().value())).orElse(null));
        if (agreement != null && agreement.isInForce()) {
            row.warningsStart();
        }
        rows.save(row);
    }

    @EventHandler
    public void on(TaskChanged event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), event.taskId(), seq, at, row -> {
            // a new due date starts the task's warnings afresh, as the aggregate does
            if (row.getWarningLevel() != null && !event.dueDate().equals(row.getDueDate())) {
                row.warningsStart();
            }
            row.plan(event.description(), event.assigneeUnitId().value(), event.assigneeName(), event.dueDate());
        });
    }

    /** The agreement binds: its open tasks' warnings run from GREEN. */
    @EventHandler
    public void on(AgreementCameIntoForce event, @SequenceNumber long seq, @Timestamp Instant at) {
        String agreementId = event.agreementId().value();
        agreements.findById(agreementId).ifPresent(agreement -> {
            agreement.setInForce(true);
            agreements.save(agreement);
        });
        applyToAll(agreementId, seq, at, row -> row.getStatus() != TaskStatus.COMPLETED, TaskLedgerRow::warningsStart);
    }

    /** An archived agreement's tasks are no longer warned about. */
    @EventHandler
    public void on(AgreementArchived event, @SequenceNumber long seq, @Timestamp Instant at) {
        String agreementId = event.agreementId().value();
        agreements.findById(agreementId).ifPresent(agreement -> {
            agreement.setInForce(false);
            agreements.save(agreement);
        });
        applyToAll(agreementId, seq, at, row -> row.getWarningLevel() != null, TaskLedgerRow::warningsStop);
    }

    @EventHandler
    public void on(TaskDueSoon event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), event.taskId(), seq, at, row -> row.warned(event.level()));
    }

    @EventHandler
    public void on(TaskBecameOverdue event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), event.taskId(), seq, at, row -> row.warned(WarningLevel.RED));
    }

    @EventHandler
    public void on(TaskProgressReported event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), event.taskId(), seq, at,
                row -> row.progress(event.percent(), event.note(), event.reportedOn()));
    }

    @EventHandler
    public void on(TaskCompleted event, @SequenceNumber long seq, @Timestamp Instant at) {
        apply(event.agreementId(), event.taskId(), seq, at, row -> row.completed(event.completedOn()));
    }

    /** The task leaves the current ledger: its last version ends, with no successor. */
    @EventHandler
    public void on(TaskCancelled event, @SequenceNumber long seq, @Timestamp Instant at) {
        TaskLedgerRow current = rows.findByAgreementIdAndTaskIdAndValidToIsNull(event.agreementId().value(),
                event.taskId().value()).orElse(null);
        if (current == null || current.getVersion() >= seq) {
            return;
        }
        current.supersede(at);
        rows.save(current);
    }

    /** Forgets the whole ledger, so that a replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        rows.deleteAllVersions();
        agreements.deleteAllNotes();
        items.deleteAllNotes();
    }

    /** A new version of each current row of the agreement that {@code which} selects; rows already past seq skipped. */
    private void applyToAll(String agreementId, long seq, Instant at, Predicate<TaskLedgerRow> which,
                            Consumer<TaskLedgerRow> change) {
        for (TaskLedgerRow current : rows.findByAgreementIdAndValidToIsNull(agreementId)) {
            if (current.getVersion() >= seq || !which.test(current)) {
                continue;
            }
            TaskLedgerRow next = current.nextVersion(seq, at);
            current.supersede(at);
            change.accept(next);
            rows.save(current);
            rows.save(next);
        }
    }

    private void apply(AgreementId agreementId, TaskId taskId, long seq, Instant at, Consumer<TaskLedgerRow> change) {
        TaskLedgerRow current = rows.findByAgreementIdAndTaskIdAndValidToIsNull(agreementId.value(), taskId.value())
                .orElse(null);
        if (current == null) {
            log.warn("Task ledger has no row for task {} of agreement {}; event {} skipped", taskId, agreementId, seq);
            return;
        }
        if (current.getVersion() >= seq) {
            return;
        }
        TaskLedgerRow next = current.nextVersion(seq, at);
        current.supersede(at);
        change.accept(next);
        rows.save(current);
        rows.save(next);
    }
}
