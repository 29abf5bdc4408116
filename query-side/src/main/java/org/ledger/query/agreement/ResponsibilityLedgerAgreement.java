package org.ledger.query.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.Grade;
import org.ledger.kernel.agreement.Party;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of an agreement's own facts in the responsibility ledger (责任清单). {@code version} is the
 * agreement's sequence number after the event that produced this version: the ETag of the single read and the
 * If-Match of the next write on the agreement.
 */
@Entity
@Table(name = "responsibility_ledger_agreement")
public class ResponsibilityLedgerAgreement extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String agreementId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 16)
    private AgreementStatus status;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "period_start", nullable = false)
    private LocalDate periodStart;

    @Column(name = "period_end", nullable = false)
    private LocalDate periodEnd;

    @Column(name = "issuer_unit_id", nullable = false, length = 64)
    private String issuerUnitId;

    @Column(name = "responsible_unit_id", nullable = false, length = 64)
    private String responsibleUnitId;

    @Column(name = "full_score", nullable = false)
    private int fullScore;

    @Column(name = "weight_total", nullable = false)
    private int weightTotal;

    @Column(name = "item_count", nullable = false)
    private int itemCount;

    @Column(name = "issuer_signer", length = 100)
    private String issuerSigner;

    @Column(name = "issuer_signed_on")
    private LocalDate issuerSignedOn;

    @Column(name = "responsible_signer", length = 100)
    private String responsibleSigner;

    @Column(name = "responsible_signed_on")
    private LocalDate responsibleSignedOn;

    @Column(name = "in_force_on")
    private LocalDate inForceOn;

    @Column(name = "total_score", precision = 9, scale = 2)
    private BigDecimal totalScore;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "grade", length = 16)
    private Grade grade;

    @Column(name = "assessed_on")
    private LocalDate assessedOn;

    @Column(name = "assessment_count", nullable = false)
    private int assessmentCount;

    @Column(name = "archived_on")
    private LocalDate archivedOn;

    @Column(name = "drafted_at", nullable = false)
    private Instant draftedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ResponsibilityLedgerAgreement() {
    }

    ResponsibilityLedgerAgreement(String agreementId, long version, Instant at, String title, LocalDate periodStart,
                                  LocalDate periodEnd, String issuerUnitId, String responsibleUnitId, int fullScore) {
        super(version, at);
        this.agreementId = agreementId;
        this.status = AgreementStatus.DRAFT;
        this.title = title;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.issuerUnitId = issuerUnitId;
        this.responsibleUnitId = responsibleUnitId;
        this.fullScore = fullScore;
        this.draftedAt = at;
        this.updatedAt = at;
    }

    /** A copy of this version, to become version {@code version} valid from (and updated at) {@code at}. */
    ResponsibilityLedgerAgreement nextVersion(long version, Instant at) {
        ResponsibilityLedgerAgreement next = new ResponsibilityLedgerAgreement();
        next.startVersion(version, at);
        next.agreementId = agreementId;
        next.status = status;
        next.title = title;
        next.periodStart = periodStart;
        next.periodEnd = periodEnd;
        next.issuerUnitId = issuerUnitId;
        next.responsibleUnitId = responsibleUnitId;
        next.fullScore = fullScore;
        next.weightTotal = weightTotal;
        next.itemCount = itemCount;
        next.issuerSigner = issuerSigner;
        next.issuerSignedOn = issuerSignedOn;
        next.responsibleSigner = responsibleSigner;
        next.responsibleSignedOn = responsibleSignedOn;
        next.inForceOn = inForceOn;
        next.totalScore = totalScore;
        next.grade = grade;
        next.assessedOn = assessedOn;
        next.assessmentCount = assessmentCount;
        next.archivedOn = archivedOn;
        next.draftedAt = draftedAt;
        next.updatedAt = at;
        return next;
    }

    void itemAdded(int weight) {
        itemCount++;
        weightTotal += weight;
    }

    void itemRemoved(int weight) {
        itemCount--;
        weightTotal -= weight;
    }

    void weightChanged(int previous, int weight) {
        weightTotal += weight - previous;
    }

    void signed(Party party, String signer, LocalDate on) {
        if (party == Party.ISSUER) {
            issuerSigner = signer;
            issuerSignedOn = on;
        } else {
            responsibleSigner = signer;
            responsibleSignedOn = on;
        }
    }

    void cameIntoForce(LocalDate on) {
        status = AgreementStatus.IN_FORCE;
        inForceOn = on;
    }

    void assessed(BigDecimal total, Grade grade, LocalDate on) {
        this.totalScore = total;
        this.grade = grade;
        this.assessedOn = on;
        this.assessmentCount++;
    }

    void archived(LocalDate on) {
        status = AgreementStatus.ARCHIVED;
        archivedOn = on;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public AgreementStatus getStatus() {
        return status;
    }

    public String getTitle() {
        return title;
    }

    public LocalDate getPeriodStart() {
        return periodStart;
    }

    public LocalDate getPeriodEnd() {
        return periodEnd;
    }

    public String getIssuerUnitId() {
        return issuerUnitId;
    }

    public String getResponsibleUnitId() {
        return responsibleUnitId;
    }

    public int getFullScore() {
        return fullScore;
    }

    public int getWeightTotal() {
        return weightTotal;
    }

    public int getItemCount() {
        return itemCount;
    }

    public String getIssuerSigner() {
        return issuerSigner;
    }

    public LocalDate getIssuerSignedOn() {
        return issuerSignedOn;
    }

    public String getResponsibleSigner() {
        return responsibleSigner;
    }

    public LocalDate getResponsibleSignedOn() {
        return responsibleSignedOn;
    }

    public LocalDate getInForceOn() {
        return inForceOn;
    }

    public BigDecimal getTotalScore() {
        return totalScore;
    }

    public Grade getGrade() {
        return grade;
    }

    public LocalDate getAssessedOn() {
        return assessedOn;
    }

    public int getAssessmentCount() {
        return assessmentCount;
    }

    public LocalDate getArchivedOn() {
        return archivedOn;
    }

    public Instant getDraftedAt() {
        return draftedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
