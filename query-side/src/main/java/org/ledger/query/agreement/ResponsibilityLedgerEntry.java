package org.ledger.query.agreement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.Grade;

/** A row of the responsibility ledger (责任清单): one responsibility item of an agreement, as the API shows it. */
@Schema(name = "ResponsibilityLedgerEntry", description = "A row of the responsibility ledger (责任清单)")
public record ResponsibilityLedgerEntry(
        @Schema(description = "Responsibility item id (unique within its agreement)", example = "item-1") String id,
        @Schema(description = "The agreement's version when this item last changed", example = "7") long version,
        @Schema(description = "Status of the agreement: DRAFT 草拟, IN_FORCE 生效, ARCHIVED 归档", example = "IN_FORCE")
        AgreementStatus status,
        @Schema(description = "Agreement id", example = "agreement-2026-branch-1") String agreementId,
        @Schema(description = "Agreement title", example = "2026年度第一党支部党建工作责任书") String agreementTitle,
        @Schema(description = "First day of the agreement's period", example = "2026-01-01") LocalDate periodStart,
        @Schema(description = "Last day of the agreement's period", example = "2026-12-31") LocalDate periodEnd,
        @Schema(description = "Issuing unit (上级)", example = "sqdw") String issuerUnitId,
        @Schema(description = "Responsible unit (下级)", example = "branch-1") String responsibleUnitId,
        @Schema(description = "Category (类别)", example = "组织建设") String category,
        @Schema(description = "Content of the item (责任内容)", example = "严格落实“三会一课”制度") String content,
        @Schema(description = "Weight in points (分值)", example = "30") int weight,
        @Schema(description = "Score of the latest assessment (得分); null before", example = "27.5") BigDecimal score,
        @Schema(description = "Comment of the latest assessment (考评意见)", example = "制度落实到位") String scoreComment,
        @Schema(description = "Number of tasks planned for the item (not cancelled)", example = "2") int taskCount,
        @Schema(description = "Number of those tasks completed", example = "1") int completedTaskCount,
        @Schema(description = "Issues naming this item that are not resolved (dismissed ones not counted)",
                example = "1") int openIssueCount,
        @Schema(description = "Issues naming this item that are resolved", example = "0") int closedIssueCount,
        @Schema(description = "Full score of the agreement", example = "100") int fullScore,
        @Schema(description = "Total score of the agreement's latest assessment", example = "92.5")
        BigDecimal agreementTotalScore,
        @Schema(description = "Grade of the agreement's latest assessment: EXCELLENT 优秀, GOOD 良好, PASS 合格, "
                + "FAIL 不合格", example = "EXCELLENT") Grade agreementGrade,
        @Schema(description = "When the item was added", example = "2026-01-05T02:00:00Z") Instant addedAt,
        @Schema(description = "When the item last changed", example = "2026-06-30T08:00:00Z") Instant updatedAt) {

    static ResponsibilityLedgerEntry of(ResponsibilityLedgerRow row) {
        return new ResponsibilityLedgerEntry(row.getItemId(), row.getVersion(), row.getStatus(), row.getAgreementId(),
                row.getAgreementTitle(), row.getPeriodStart(), row.getPeriodEnd(), row.getIssuerUnitId(),
                row.getResponsibleUnitId(), row.getCategory(), row.getContent(), row.getWeight(), row.getScore(),
                row.getScoreComment(), row.getTaskCount(), row.getCompletedTaskCount(), row.getOpenIssueCount(),
                row.getClosedIssueCount(), row.getFullScore(), row.getTotalScore(), row.getGrade(), row.getAddedAt(),
                row.getUpdatedAt());
    }
}
