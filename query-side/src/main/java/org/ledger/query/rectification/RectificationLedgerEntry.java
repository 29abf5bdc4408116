package org.ledger.query.rectification;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;

/** A row of the rectification ledger (整改台账) as the API shows it, with overdue and days left as of the read. */
@Schema(name = "RectificationLedgerEntry", description = "A row of the rectification ledger (整改台账)")
public record RectificationLedgerEntry(
        @Schema(description = "Rectification item id", example = "rect-2024-001-1") String id,
        @Schema(description = "Sequence number of the item's last event; send it back as If-Match", example = "4")
        long version,
        @Schema(description = "Status: PLANNED 待审核, PLAN_RETURNED 方案退回, IN_PROGRESS 整改中, "
                + "CLOSURE_REQUESTED 待销号, CLOSED 已销号, ONGOING 长期坚持", example = "IN_PROGRESS")
        RectificationStatus status,
        @Schema(description = "Issue the item rectifies", example = "issue-2024-001") String issueId,
        @Schema(description = "Title of the issue", example = "“三会一课”记录不规范") String issueTitle,
        @Schema(description = "Description of the issue (问题描述)") String issueDescription,
        @Schema(description = "Source of the issue (问题来源)", example = "INSPECTION") IssueSource issueSource,
        @Schema(description = "Latest root-cause analysis of the issue (原因分析)") String rootCause,
        @Schema(description = "Responsible unit of the issue", example = "branch-02") String issueResponsibleUnitId,
        @Schema(description = "Rectification measure (整改措施)", example = "组织支委会专题学习组织生活规范，补齐签名") String measure,
        @Schema(description = "Type (整改类型): IMMEDIATE 立行立改, WITHIN_DEADLINE 限期整改, LONG_TERM 长期坚持",
                example = "WITHIN_DEADLINE") RectificationType type,
        @Schema(description = "Owner unit (责任单位)", example = "branch-02") String ownerUnitId,
        @Schema(description = "Owner person (责任人)", example = "王敏") String ownerName,
        @Schema(description = "Accountable leader (责任领导)", example = "李强") String leaderName,
        @Schema(description = "Deadline as planned; never moved by extensions", example = "2024-06-30")
        LocalDate originalDeadline,
        @Schema(description = "Deadline in force (整改时限), after approved extensions or a reopening",
                example = "2024-07-31") LocalDate effectiveDeadline,
        @Schema(description = "Target (整改目标)") String target,
        @Schema(description = "Latest reported progress in percent", example = "60") int progressPercent,
        @Schema(description = "Latest progress note (整改进展)") String lastProgressNote,
        @Schema(description = "Date of the latest progress report", example = "2024-05-20") LocalDate lastProgressOn,
        @Schema(description = "Number of evidence files attached (佐证材料)", example = "2") int evidenceCount,
        @Schema(description = "Id of the extension request waiting for a decision; null if none")
        String pendingExtensionRequestId,
        @Schema(description = "Deadline the pending extension request proposes", example = "2024-07-31")
        LocalDate proposedDeadline,
        @Schema(description = "Number of approved extensions", example = "1") int extensionCount,
        @Schema(description = "Date closure was requested, while waiting for verification", example = "2024-06-25")
        LocalDate closureRequestedOn,
        @Schema(description = "Date the item was closed (销号时间); null unless CLOSED", example = "2024-06-28")
        LocalDate closedOn,
        @Schema(description = "Who verified the closure or the ongoing state", example = "supervisor-zhang")
        String verifiedBy,
        @Schema(description = "How often a look-back or a supervisor reopened the item", example = "0")
        int reopenCount,
        @Schema(description = "When the item was planned", example = "2024-04-15T02:00:00Z") Instant plannedAt,
        @Schema(description = "When the item last changed", example = "2024-05-20T09:00:00Z") Instant updatedAt,
        @Schema(description = "Effective deadline passed and the item is neither CLOSED nor ONGOING", example = "false")
        boolean overdue,
        @Schema(description = "Days until the effective deadline, negative when overdue; null when CLOSED or ONGOING",
                example = "12") Long daysLeft,
        @Schema(description = "Days since the effective deadline passed; null unless overdue", example = "3")
        Long daysOverdue,
        @Schema(description = "Warning level (预警) the item recorded for its effective deadline: GREEN 正常, "
                + "YELLOW 临期, RED 逾期; null before approval and when CLOSED or ONGOING")
        WarningLevel warningLevel,
        @Schema(description = "Who requested closure, while the item waits for verification", example = "lead-wang")
        String closureRequestedBy) {

    static RectificationLedgerEntry of(RectificationLedgerRow row, LocalDate today) {
        boolean settled = row.getStatus() == RectificationStatus.CLOSED || row.getStatus() == RectificationStatus.ONGOING;
        LocalDate deadline = row.getEffectiveDeadline();
        Long daysLeft = settled || deadline == null ? null : ChronoUnit.DAYS.between(today, deadline);
        boolean overdue = daysLeft != null && daysLeft < 0;
        return new RectificationLedgerEntry(row.getRectificationId(), row.getVersion(), row.getStatus(),
                row.getIssueId(), row.getIssueTitle(), row.getIssueDescription(), row.getIssueSource(),
                row.getRootCause(), row.getIssueResponsibleUnitId(), row.getMeasure(), row.getType(),
                row.getOwnerUnitId(), row.getOwnerName(), row.getLeaderName(), row.getOriginalDeadline(),
                deadline, row.getTarget(), row.getProgressPercent(), row.getLastProgressNote(),
                row.getLastProgressOn(), row.getEvidenceCount(), row.getPendingExtensionRequestId(),
                row.getProposedDeadline(), row.getExtensionCount(), row.getClosureRequestedOn(), row.getClosedOn(),
                row.getVerifiedBy(), row.getReopenCount(), row.getPlannedAt(), row.getUpdatedAt(), overdue, daysLeft,
                overdue ? -daysLeft : null, row.getWarningLevel(), row.getClosureRequestedBy());
    }
}
