package org.ledger.query.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.agreement.AgreementStatus;
import org.ledger.kernel.agreement.Grade;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of one row of the responsibility ledger (责任清单): a responsibility item with its agreement's facts
 * copied in. {@code version} is the agreement's sequence number of the last agreement event that changed the row; a
 * change of the issue counts makes a new version of the row (new validity period) with the same {@code version}.
 */
@Entity
@Table(name = "responsibility_ledger")
public class ResponsibilityLedgerRow extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String itemId;

    @Column(name = "agreement_id", nullable = false, length = 64)
    private String agreementId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 16)
    private AgreementStatus status;

    @Column(name = "agreement_title", nullable = false, length = 200)
    private String agreementTitle;

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

    @Column(name = "category", nullable = false, length = 100)
    private String category;

    @Column(name = "content", nullable = false, length = 4000)
    private String content;

    @Column(name = "weight", nullable = false)
    private int weight;

    @Column(name = "score", precision = 9, scale = 2)
    private BigDecimal score;

    @Column(name = "score_comment", length = 2000)
    private String scoreComment;

    @Column(name = "task_count", nullable = false)
    private int taskCount;

    @Column(name = "completed_task_count", nullable = false)
    private int completedTaskCount;

    @Column(name = "open_issue_count", nullable = false)
    private int openIssueCount;

    @Column(name = "closed_issue_count", nullable = false)
    private int closedIssueCount;

    @Column(name = "total_score", precision = 9, scale = 2)
    private BigDecimal totalScore;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "grade", length = 16)
    private Grade grade;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ResponsibilityLedgerRow() {
    }

    ResponsibilityLedgerRow(String agreementId, String itemId, long version, Instant at, String category,
                            String content, int weight) {
        super(version, at);
        this.agreementId = agreementId;
        this.itemId = itemId;
        this.category = category;
        this.content = content;
        this.weight = weight;
        this.addedAt = at;
        this.updatedAt = at;
    }

    /** A copy of this version, to become version {@code version} valid from {@code at}; {@code updatedAt} is kept. */
    ResponsibilityLedgerRow nextVersion(long version, Instant at) {
        ResponsibilityLedgerRow next = new ResponsibilityLedgerRow();
        next.startVersion(version, at);
        next.itemId = itemId;
        next.agreementId = agreementId;
        next.status = status;
        next.agreementTitle = agreementTitle;
        next.periodStart = periodStart;
        next.periodEnd = periodEnd;
        next.issuerUnitId = issuerUnitId;
        next.responsibleUnitId = responsibleUnitId;
        next.fullScore = fullScore;
        next.category = category;
        next.content = content;
        next.weight = weight;
        next.score = score;
        next.scoreComment = scoreComment;
        next.taskCount = taskCount;
        next.completedTaskCount = completedTaskCount;
        next.openIssueCount = openIssueCount;
        next.closedIssueCount = closedIssueCount;
        next.totalScore = totalScore;
        next.grade = grade;
        next.addedAt = addedAt;
        next.updatedAt = updatedAt;
        return next;
    }

    boolean showsAgreementFacts(ResponsibilityLedgerAgreement a) {
        return status == a.getStatus() && Objects.equals(agreementTitle, a.getTitle())
                && Objects.equals(periodStart, a.getPeriodStart()) && Objects.equals(periodEnd, a.getPeriodEnd())
                && Objects.equals(issuerUnitId, a.getIssuerUnitId())
                && Objects.equals(responsibleUnitId, a.getResponsibleUnitId()) && fullScore == a.getFullScore()
                && Objects.equals(totalScore, a.getTotalScore()) && grade == a.getGrade();
    }

    void copyAgreementFacts(ResponsibilityLedgerAgreement a) {
        status = a.getStatus();
        agreementTitle = a.getTitle();
        periodStart = a.getPeriodStart();
        periodEnd = a.getPeriodEnd();
        issuerUnitId = a.getIssuerUnitId();
        responsibleUnitId = a.getResponsibleUnitId();
        fullScore = a.getFullScore();
        totalScore = a.getTotalScore();
        grade = a.getGrade();
    }

    void change(String category, String content, int weight) {
        this.category = category;
        this.content = content;
        this.weight = weight;
    }

    void taskPlanned() {
        taskCount++;
    }

    void taskCancelled() {
        taskCount--;
    }

    void taskCompleted() {
        completedTaskCount++;
    }

    void scored(BigDecimal score, String comment) {
        this.score = score;
        this.scoreComment = comment;
    }

    boolean showsIssueCounts(int open, int closed) {
        return openIssueCount == open && closedIssueCount == closed;
    }

    void issueCounts(int open, int closed) {
        this.openIssueCount = open;
        this.closedIssueCount = closed;
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }

    public String getItemId() {
        return itemId;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public AgreementStatus getStatus() {
        return status;
    }

    public String getAgreementTitle() {
        return agreementTitle;
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

    public String getCategory() {
        return category;
    }

    public String getContent() {
        return content;
    }

    public int getWeight() {
        return weight;
    }

    public BigDecimal getScore() {
        return score;
    }

    public String getScoreComment() {
        return scoreComment;
    }

    public int getTaskCount() {
        return taskCount;
    }

    public int getCompletedTaskCount() {
        return completedTaskCount;
    }

    public int getOpenIssueCount() {
        return openIssueCount;
    }

    public int getClosedIssueCount() {
        return closedIssueCount;
    }

    public BigDecimal getTotalScore() {
        return totalScore;
    }

    public Grade getGrade() {
        return grade;
    }

    public Instant getAddedAt() {
        return addedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
