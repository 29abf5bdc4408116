package org.ledger.query.issue;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.IssueStatus;
import org.ledger.kernel.issue.Severity;

/** A row of the issue ledger (问题清单) as the API shows it. */
@Schema(name = "IssueLedgerEntry", description = "A row of the issue ledger (问题清单)")
public record IssueLedgerEntry(
        @Schema(description = "Issue id", example = "issue-2024-001") String id,
        @Schema(description = "Sequence number of the last event applied; send it back as If-Match", example = "3")
        long version,
        @Schema(description = "Status: REGISTERED 待签收, ACKNOWLEDGED 已签收, RECTIFYING 整改中, RESOLVED 已整改, "
                + "DISMISSED 已撤销", example = "RECTIFYING") IssueStatus status,
        @Schema(description = "Title", example = "“三会一课”记录不规范") String title,
        @Schema(description = "Description, verbatim as registered", example = "第二党支部2024年第一季度党小组会记录缺少参会人员签名")
        String description,
        @Schema(description = "Where the issue was found (问题来源)", example = "INSPECTION") IssueSource source,
        @Schema(description = "Source reference, e.g. the inspection batch and feedback date",
                example = "2024年第一轮专项督查") String sourceReference,
        @Schema(description = "Category", example = "组织生活") String category,
        @Schema(description = "Severity (问题性质)", example = "MINOR") Severity severity,
        @Schema(description = "Responsible unit (责任单位)", example = "branch-02") String responsibleUnitId,
        @Schema(description = "Unit that raised the issue", example = "community") String raisedByUnitId,
        @Schema(description = "Date the issue was found", example = "2024-04-12") LocalDate foundOn,
        @Schema(description = "Responsibility item the issue shows was not fulfilled; null if none")
        ResponsibilityItemLink responsibilityItem,
        @Schema(description = "Latest root-cause analysis (原因分析); null until recorded",
                example = "支部书记对组织生活规范要求学习不深") String rootCause,
        @Schema(description = "Revision of the root-cause analysis, 0 while none", example = "1")
        int rootCauseRevision,
        @Schema(description = "Number of rectification items", example = "2") int itemCount,
        @Schema(description = "Number of items closed (销号)", example = "1") int closedItemCount,
        @Schema(description = "Number of long-term items verified as ongoing (长期坚持)", example = "0")
        int ongoingItemCount,
        @Schema(description = "Why the issue was dismissed; null unless DISMISSED") String dismissalReason,
        @Schema(description = "When the issue was registered", example = "2024-04-12T08:30:00Z") Instant registeredAt,
        @Schema(description = "When the row last changed", example = "2024-05-20T09:00:00Z") Instant updatedAt) {

    @Schema(description = "Points at a responsibility item (责任事项) of an agreement")
    public record ResponsibilityItemLink(
            @Schema(description = "Agreement id", example = "agreement-2024-branch-02") String agreementId,
            @Schema(description = "Item id", example = "item-03") String itemId) {
    }

    static IssueLedgerEntry of(IssueLedgerRow row) {
        ResponsibilityItemLink link = row.getResponsibilityAgreementId() == null && row.getResponsibilityItemId() == null
                ? null
                : new ResponsibilityItemLink(row.getResponsibilityAgreementId(), row.getResponsibilityItemId());
        return new IssueLedgerEntry(row.getIssueId(), row.getVersion(), row.getStatus(), row.getTitle(),
                row.getDescription(), row.getSource(), row.getSourceReference(), row.getCategory(),
                row.getSeverity(), row.getResponsibleUnitId(), row.getRaisedByUnitId(), row.getFoundOn(), link,
                row.getRootCause(), row.getRootCauseRevision(), row.getItemCount(), row.getClosedItemCount(),
                row.getOngoingItemCount(), row.getDismissalReason(), row.getRegisteredAt(), row.getUpdatedAt());
    }
}
