package org.ledger.query.agreement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.rectification.WarningLevel;

/** A row of the task ledger (任务清单) as the API shows it, with overdue judged on the day of the read. */
@Schema(name = "TaskLedgerEntry", description = "A row of the task ledger (任务清单)")
public record TaskLedgerEntry(
        @Schema(description = "Task id (unique within its agreement)", example = "task-1") String id,
        @Schema(description = "The agreement's version when this task last changed; for If-Match read the "
                + "agreement's current version from the responsibility ledger", example = "9") long version,
        @Schema(description = "Status: OPEN 未开始, IN_PROGRESS 进行中, COMPLETED 已完成", example = "IN_PROGRESS")
        TaskStatus status,
        @Schema(description = "Agreement id", example = "agreement-2026-branch-1") String agreementId,
        @Schema(description = "Agreement title", example = "2026年度第一党支部党建工作责任书") String agreementTitle,
        @Schema(description = "Responsible unit of the agreement", example = "branch-1") String responsibleUnitId,
        @Schema(description = "Responsibility item the task carries out", example = "item-1") String itemId,
        @Schema(description = "Category of the item", example = "组织建设") String itemCategory,
        @Schema(description = "Content of the item", example = "严格落实“三会一课”制度") String itemContent,
        @Schema(description = "What is to be done", example = "每季度开展一次主题党日活动") String description,
        @Schema(description = "Assignee unit", example = "branch-1") String assigneeUnitId,
        @Schema(description = "Assignee person (责任人)", example = "张明") String assigneeName,
        @Schema(description = "Due date", example = "2026-06-30") LocalDate dueDate,
        @Schema(description = "Latest reported progress in percent", example = "60") int progressPercent,
        @Schema(description = "Latest progress note", example = "已开展两次主题党日活动") String lastProgressNote,
        @Schema(description = "Date of the latest progress report", example = "2026-05-10") LocalDate lastProgressOn,
        @Schema(description = "Date the task was completed", example = "2026-06-20") LocalDate completedOn,
        @Schema(description = "When the task was planned", example = "2026-01-05T02:00:00Z") Instant plannedAt,
        @Schema(description = "When the task last changed", example = "2026-05-10T08:00:00Z") Instant updatedAt,
        @Schema(description = "Due date passed and the task is not completed (judged on the day read)",
                example = "false") boolean overdue,
        @Schema(description = "Warning level (预警) the task recorded for its due date: GREEN 正常 while the agreement "
                + "is in force, YELLOW 临期, RED 逾期; null while drafted or archived and once completed",
                example = "YELLOW") WarningLevel warningLevel) {

    static TaskLedgerEntry of(TaskLedgerRow row, LocalDate today) {
        boolean overdue = row.getStatus() != TaskStatus.COMPLETED && row.getDueDate().isBefore(today);
        return new TaskLedgerEntry(row.getTaskId(), row.getVersion(), row.getStatus(), row.getAgreementId(),
                row.getAgreementTitle(), row.getResponsibleUnitId(), row.getItemId(), row.getItemCategory(),
                row.getItemContent(), row.getDescription(), row.getAssigneeUnitId(), row.getAssigneeName(),
                row.getDueDate(), row.getProgressPercent(), row.getLastProgressNote(), row.getLastProgressOn(),
                row.getCompletedOn(), row.getPlannedAt(), row.getUpdatedAt(), overdue, row.getWarningLevel());
    }
}
