package org.ledger.query.agreement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.Grade;

/** One agreement of the responsibility ledger with its items: what the single read answers. */
@Schema(name = "AgreementView", description = "A responsibility agreement (党建责任书) with its items")
public record AgreementView(
        @Schema(description = "Agreement id", example = "agreement-2026-branch-1") String id,
        @Schema(description = "The agreement's version; send it back as If-Match when changing the agreement",
                example = "7") long version,
        @Schema(description = "Status: DRAFT 草拟, IN_FORCE 生效, ARCHIVED 归档", example = "IN_FORCE")
        AgreementStatus status,
        @Schema(description = "Title", example = "2026年度第一党支部党建工作责任书") String title,
        @Schema(description = "First day of the period", example = "2026-01-01") LocalDate periodStart,
        @Schema(description = "Last day of the period", example = "2026-12-31") LocalDate periodEnd,
        @Schema(description = "Issuing unit (上级)", example = "sqdw") String issuerUnitId,
        @Schema(description = "Responsible unit (下级)", example = "branch-1") String responsibleUnitId,
        @Schema(description = "Full score the weights add up to", example = "100") int fullScore,
        @Schema(description = "Sum of the current item weights; differs from fullScore while an amendment is "
                + "unbalanced (the assessment then waits)", example = "100") int weightTotal,
        @Schema(description = "Who signed for the issuer", example = "李书记") String issuerSigner,
        @Schema(description = "When the issuer signed", example = "2026-01-15") LocalDate issuerSignedOn,
        @Schema(description = "Who signed for the responsible unit", example = "王书记") String responsibleSigner,
        @Schema(description = "When the responsible unit signed", example = "2026-01-15")
        LocalDate responsibleSignedOn,
        @Schema(description = "In force since (the later signature's date)", example = "2026-01-15")
        LocalDate inForceOn,
        @Schema(description = "Total score of the latest assessment", example = "92.5") BigDecimal totalScore,
        @Schema(description = "Grade of the latest assessment: EXCELLENT 优秀, GOOD 良好, PASS 合格, FAIL 不合格",
                example = "EXCELLENT") Grade grade,
        @Schema(description = "Date of the latest assessment", example = "2026-12-20") LocalDate assessedOn,
        @Schema(description = "How often the agreement was assessed (re-assessments included)", example = "1")
        int assessmentCount,
        @Schema(description = "Date of the archival", example = "2027-01-10") LocalDate archivedOn,
        @Schema(description = "When the agreement was drafted", example = "2026-01-05T02:00:00Z") Instant draftedAt,
        @Schema(description = "When the agreement last changed", example = "2026-06-30T08:00:00Z") Instant updatedAt,
        @Schema(description = "The items, in the order they were added") List<ResponsibilityLedgerEntry> items) {

    static AgreementView of(ResponsibilityLedgerAgreement a, List<ResponsibilityLedgerEntry> items) {
        return new AgreementView(a.getAgreementId(), a.getVersion(), a.getStatus(), a.getTitle(), a.getPeriodStart(),
                a.getPeriodEnd(), a.getIssuerUnitId(), a.getResponsibleUnitId(), a.getFullScore(),
                a.getWeightTotal(), a.getIssuerSigner(), a.getIssuerSignedOn(), a.getResponsibleSigner(),
                a.getResponsibleSignedOn(), a.getInForceOn(), a.getTotalScore(), a.getGrade(), a.getAssessedOn(),
                a.getAssessmentCount(), a.getArchivedOn(), a.getDraftedAt(), a.getUpdatedAt(), items);
    }
}
