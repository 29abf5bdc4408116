package org.ledger.query.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of one row of the task ledger (任务清单): a task with its item's and agreement's facts copied in.
 * {@code version} is the agreement's sequence number of the last event that changed the row. A cancelled task's
 * last version simply ends (no successor): it leaves the current ledger and stays in reads as of earlier.
 */
@Entity
@Table(name = "task_ledger")
public class TaskLedgerRow extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String taskId;

    @Column(name = "agreement_id", nullable = false, length = 64)
    private String agreementId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 16)
    private TaskStatus status;

    @Column(name = "item_id", nullable = false, length = 64)
    private String itemId;

    @Column(name = "item_category", length = 100)
    private String itemCategory;

    @Column(name = "item_content", length = 4000)
    private String itemContent;

    @Column(name = "agreement_title", length = 200)
    private String agreementTitle;

    @Column(name = "responsible_unit_id", length = 64)
    private String responsibleUnitId;

    @Column(name = "description", nullable = false, length = 4000)
    private String description;

    @Column(name = "assignee_unit_id", nullable = false, length = 64)
    private String assigneeUnitId;

    @Column(name = "assignee_name", length = 100)
    private String assigneeName;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    @Column(name = "progress_percent", nullable = false)
    private int progressPercent;

    @Column(name = "last_progress_note", length = 4000)
    private String lastProgressNote;

    @Column(name = "last_progress_on")
    private LocalDate lastProgressOn;

    @Column(name = "completed_on")
    private LocalDate completedOn;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /**
     * GREEN while the task is open in an agreement in force, YELLOW/RED from the task's warnings; null while the
     * agreement is drafted or archived and once the task is completed.
     */
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "warning_level", length = 16)
    private WarningLevel warningLevel;

    protected TaskLedgerRow() {
    }

    TaskLedgerRow(String agreementId, String taskId, String itemId, long version, Instant at) {
        super(version, at);
        this.agreementId = agreementId;
        this.taskId = taskId;
        this.itemId = itemId;
        this.status = TaskStatus.OPEN;
        this.plannedAt = at;
        this.updatedAt = at;
    }

    /** A copy of this version, to become version {@code version} valid from (and updated at) {@code at}. */
    TaskLedgerRow nextVersion(long version, Instant at) {
        TaskLedgerRow next = new TaskLedgerRow();
        next.startVersion(version, at);
        next.taskId = taskId;
        next.agreementId = agreementId;
        next.status = status;
        next.itemId = itemId;
        next.itemCategory = itemCategory;
        next.itemContent = itemContent;
        next.agreementTitle = agreementTitle;
        next.responsibleUnitId = responsibleUnitId;
        next.description = description;
        next.assigneeUnitId = assigneeUnitId;
        next.assigneeName = assigneeName;
        next.dueDate = dueDate;
        next.progressPercent = progressPercent;
        next.lastProgressNote = lastProgressNote;
        next.lastProgressOn = lastProgressOn;
        next.completedOn = completedOn;
        next.plannedAt = plannedAt;
        next.updatedAt = at;
        next.warningLevel = warningLevel;
        return next;
    }

    void plan(String description, String assigneeUnitId, String assigneeName, LocalDate dueDate) {
        this.description = description;
        this.assigneeUnitId = assigneeUnitId;
        this.assigneeName = assigneeName;
        this.dueDate = dueDate;
    }

    void copyFacts(TaskLedgerAgreement agreement, TaskLedgerItem item) {
        if (agreement != null) {
            agreementTitle = agreement.getTitle();
            responsibleUnitId = agreement.getResponsibleUnitId();
        }
        if (item != null) {
            itemCategory = item.getCategory();
            itemContent = item.getContent();
        }
    }

    void progress(int percent, String note, LocalDate on) {
        progressPercent = percent;
        lastProgressNote = note;
        lastProgressOn = on;
        if (status == TaskStatus.OPEN) {
            status = TaskStatus.IN_PROGRESS;
        }
    }

    void completed(LocalDate on) {
        status = TaskStatus.COMPLETED;
        completedOn = on;
        warningLevel = null;
    }

    /** The task's warnings run (again) from GREEN: the agreement came into force, or the due date moved. */
    void warningsStart() {
        warningLevel = WarningLevel.GREEN;
    }

    /** The task's warnings stopped: the agreement was archived. */
    void warningsStop() {
        warningLevel = null;
    }

    /** A warning recorded for the task: the level only rises for one due date. */
    void warned(WarningLevel level) {
        if (warningLevel == null || level.isMoreSevereThan(warningLevel)) {
            warningLevel = level;
        }
    }

    public String getTaskId() {
        return taskId;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public TaskStatus getStatus() {
        return status;
    }

    public String getItemId() {
        return itemId;
    }

    public String getItemCategory() {
        return itemCategory;
    }

    public String getItemContent() {
        return itemContent;
    }

    public String getAgreementTitle() {
        return agreementTitle;
    }

    public String getResponsibleUnitId() {
        return responsibleUnitId;
    }

    public String getDescription() {
        return description;
    }

    public String getAssigneeUnitId() {
        return assigneeUnitId;
    }

    public String getAssigneeName() {
        return assigneeName;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public int getProgressPercent() {
        return progressPercent;
    }

    public String getLastProgressNote() {
        return lastProgressNote;
    }

    public LocalDate getLastProgressOn() {
        return lastProgressOn;
    }

    public LocalDate getCompletedOn() {
        return completedOn;
    }

    public Instant getPlannedAt() {
        return plannedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public WarningLevel getWarningLevel() {
        return warningLevel;
    }
}
