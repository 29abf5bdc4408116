package org.ledger.query.rectification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of one row of the rectification ledger (整改台账): a rectification item with the facts of its issue
 * copied in. {@code version} is the item's own sequence number; a change of the copied issue facts makes a new
 * version of the row (new validity period) with the same {@code version}.
 */
@Entity
@Table(name = "rectification_ledger")
public class RectificationLedgerRow extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String rectificationId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 32)
    private RectificationStatus status;

    @Column(name = "issue_id", nullable = false, length = 64)
    private String issueId;

    @Column(name = "issue_title", length = 200)
    private String issueTitle;

    @Column(name = "issue_description", length = 4000)
    private String issueDescription;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "issue_source", length = 32)
    private IssueSource issueSource;

    @Column(name = "root_cause", length = 4000)
    private String rootCause;

    @Column(name = "issue_responsible_unit_id", length = 64)
    private String issueResponsibleUnitId;

    @Column(name = "measure", nullable = false, length = 4000)
    private String measure;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "type", nullable = false, length = 32)
    private RectificationType type;

    @Column(name = "owner_unit_id", nullable = false, length = 64)
    private String ownerUnitId;

    @Column(name = "owner_name", length = 100)
    private String ownerName;

    @Column(name = "leader_name", length = 100)
    private String leaderName;

    @Column(name = "original_deadline")
    private LocalDate originalDeadline;

    @Column(name = "effective_deadline")
    private LocalDate effectiveDeadline;

    @Column(name = "target", length = 4000)
    private String target;

    @Column(name = "progress_percent", nullable = false)
    private int progressPercent;

    @Column(name = "last_progress_note", length = 4000)
    private String lastProgressNote;

    @Column(name = "last_progress_on")
    private LocalDate lastProgressOn;

    @Column(name = "evidence_count", nullable = false)
    private int evidenceCount;

    @Column(name = "pending_extension_request_id", length = 64)
    private String pendingExtensionRequestId;

    @Column(name = "proposed_deadline")
    private LocalDate proposedDeadline;

    @Column(name = "extension_count", nullable = false)
    private int extensionCount;

    @Column(name = "closure_requested_on")
    private LocalDate closureRequestedOn;

    @Column(name = "closed_on")
    private LocalDate closedOn;

    @Column(name = "verified_by", length = 100)
    private String verifiedBy;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    @Column(name = "planned_at", nullable = false)
    private Instant plannedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** GREEN while the item runs against its deadline, YELLOW/RED from the warnings; null when there is no deadline. */
    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "warning_level", length = 16)
    private WarningLevel warningLevel;

    /** Who asked for closure, while the item waits for verification ("waiting for my verification" excludes them). */
    @Column(name = "closure_requested_by", length = 100)
    private String closureRequestedBy;

    /** Who asked for the pending extension ("waiting for my approval" excludes them). */
    @Column(name = "extension_requested_by", length = 100)
    private String extensionRequestedBy;

    protected RectificationLedgerRow() {
    }

    RectificationLedgerRow(String rectificationId, String issueId, long version, Instant at) {
        super(version, at);
        this.rectificationId = rectificationId;
        this.issueId = issueId;
        this.status = RectificationStatus.PLANNED;
        this.plannedAt = at;
        this.updatedAt = at;
    }

    /** A copy of this version, to become version {@code version} valid from {@code at}; {@code updatedAt} is kept. */
    RectificationLedgerRow nextVersion(long version, Instant at) {
        RectificationLedgerRow next = new RectificationLedgerRow();
        next.startVersion(version, at);
        next.rectificationId = rectificationId;
        next.status = status;
        next.issueId = issueId;
        next.issueTitle = issueTitle;
        next.issueDescription = issueDescription;
        next.issueSource = issueSource;
        next.rootCause = rootCause;
        next.issueResponsibleUnitId = issueResponsibleUnitId;
        next.measure = measure;
        next.type = type;
        next.ownerUnitId = ownerUnitId;
        next.ownerName = ownerName;
        next.leaderName = leaderName;
        next.originalDeadline = originalDeadline;
        next.effectiveDeadline = effectiveDeadline;
        next.target = target;
        next.progressPercent = progressPercent;
        next.lastProgressNote = lastProgressNote;
        next.lastProgressOn = lastProgressOn;
        next.evidenceCount = evidenceCount;
        next.pendingExtensionRequestId = pendingExtensionRequestId;
        next.proposedDeadline = proposedDeadline;
        next.extensionCount = extensionCount;
        next.closureRequestedOn = closureRequestedOn;
        next.closedOn = closedOn;
        next.verifiedBy = verifiedBy;
        next.reopenCount = reopenCount;
        next.plannedAt = plannedAt;
        next.updatedAt = updatedAt;
        next.warningLevel = warningLevel;
        next.closureRequestedBy = closureRequestedBy;
        next.extensionRequestedBy = extensionRequestedBy;
        return next;
    }

    /**
     * A version read by plain JDBC from a {@code select *} of {@code rectification_ledger}, not managed by JPA. An
     * export reads its rows this way: a CSV export of 100,071 rows took 2.4-2.6 s instead of 3.1-3.6 s with
     * entities (issue 9). {@code RectificationLedgerReadByIdTest} checks that it reads every column as JPA does.
     */
    static RectificationLedgerRow read(ResultSet row) throws SQLException {
        RectificationLedgerRow read = new RectificationLedgerRow();
        read.readVersion(row);
        read.rectificationId = row.getString("id");
        read.status = RectificationStatus.valueOf(row.getString("status"));
        read.issueId = row.getString("issue_id");
        read.issueTitle = row.getString("issue_title");
        read.issueDescription = row.getString("issue_description");
        read.issueSource = named(IssueSource.class, row.getString("issue_source"));
        read.rootCause = row.getString("root_cause");
        read.issueResponsibleUnitId = row.getString("issue_responsible_unit_id");
        read.measure = row.getString("measure");
        read.type = RectificationType.valueOf(row.getString("type"));
        read.ownerUnitId = row.getString("owner_unit_id");
        read.ownerName = row.getString("owner_name");
        read.leaderName = row.getString("leader_name");
        read.originalDeadline = date(row, "original_deadline");
        read.effectiveDeadline = date(row, "effective_deadline");
        read.target = row.getString("target");
        read.progressPercent = row.getInt("progress_percent");
        read.lastProgressNote = row.getString("last_progress_note");
        read.lastProgressOn = date(row, "last_progress_on");
        read.evidenceCount = row.getInt("evidence_count");
        read.pendingExtensionRequestId = row.getString("pending_extension_request_id");
        read.proposedDeadline = date(row, "proposed_deadline");
        read.extensionCount = row.getInt("extension_count");
        read.closureRequestedOn = date(row, "closure_requested_on");
        read.closedOn = date(row, "closed_on");
        read.verifiedBy = row.getString("verified_by");
        read.reopenCount = row.getInt("reopen_count");
        read.plannedAt = instant(row, "planned_at");
        read.updatedAt = instant(row, "updated_at");
        read.warningLevel = named(WarningLevel.class, row.getString("warning_level"));
        read.closureRequestedBy = row.getString("closure_requested_by");
        read.extensionRequestedBy = row.getString("extension_requested_by");
        return read;
    }

    /** The columns {@link #bind} writes, in its order: every column but the generated row id. */
    static final String COLUMNS = VERSION_COLUMNS + ", id, status, issue_id, issue_title, issue_description, "
            + "issue_source, root_cause, issue_responsible_unit_id, measure, type, owner_unit_id, "
            + "owner_name, leader_name, original_deadline, effective_deadline, target, progress_percent, "
            + "last_progress_note, last_progress_on, evidence_count, pending_extension_request_id, proposed_deadline, "
            + "extension_count, closure_requested_on, closed_on, verified_by, reopen_count, planned_at, updated_at, "
            + "warning_level, closure_requested_by, extension_requested_by";

    /**
     * Binds this version's {@link #COLUMNS} to an insert by plain JDBC ({@link RectificationLedgerTable}).
     * {@code RectificationLedgerTableTest} checks that it writes every column as JPA does.
     */
    void bind(PreparedStatement insert) throws SQLException {
        int i = bindVersion(insert);
        insert.setString(++i, rectificationId);
        insert.setString(++i, status.name());
        insert.setString(++i, issueId);
        insert.setString(++i, issueTitle);
        insert.setString(++i, issueDescription);
        insert.setString(++i, issueSource == null ? null : issueSource.name());
        insert.setString(++i, rootCause);
        insert.setString(++i, issueResponsibleUnitId);
        insert.setString(++i, measure);
        insert.setString(++i, type.name());
        insert.setString(++i, ownerUnitId);
        insert.setString(++i, ownerName);
        insert.setString(++i, leaderName);
        bindDate(insert, ++i, originalDeadline);
        bindDate(insert, ++i, effectiveDeadline);
        insert.setString(++i, target);
        insert.setInt(++i, progressPercent);
        insert.setString(++i, lastProgressNote);
        bindDate(insert, ++i, lastProgressOn);
        insert.setInt(++i, evidenceCount);
        insert.setString(++i, pendingExtensionRequestId);
        bindDate(insert, ++i, proposedDeadline);
        insert.setInt(++i, extensionCount);
        bindDate(insert, ++i, closureRequestedOn);
        bindDate(insert, ++i, closedOn);
        insert.setString(++i, verifiedBy);
        insert.setInt(++i, reopenCount);
        bindInstant(insert, ++i, plannedAt);
        bindInstant(insert, ++i, updatedAt);
        insert.setString(++i, warningLevel == null ? null : warningLevel.name());
        insert.setString(++i, closureRequestedBy);
        insert.setString(++i, extensionRequestedBy);
    }

    void touch(Instant at) {
        this.updatedAt = at;
    }

    boolean showsIssueFacts(RectificationLedgerIssue issue) {
        return Objects.equals(issueTitle, issue.getTitle())
                && Objects.equals(issueDescription, issue.getDescription())
                && issueSource == issue.getSource()
                && Objects.equals(rootCause, issue.getRootCause())
                && Objects.equals(issueResponsibleUnitId, issue.getResponsibleUnitId());
    }

    void copyIssueFacts(RectificationLedgerIssue issue) {
        this.issueTitle = issue.getTitle();
        this.issueDescription = issue.getDescription();
        this.issueSource = issue.getSource();
        this.rootCause = issue.getRootCause();
        this.issueResponsibleUnitId = issue.getResponsibleUnitId();
    }

    /** Sets the plan; the original deadline follows the plan until it is approved, extensions move only the effective one. */
    void plan(String measure, RectificationType type, String ownerUnitId, String ownerName, String leaderName,
              LocalDate deadline, String target) {
        this.measure = measure;
        this.type = type;
        this.ownerUnitId = ownerUnitId;
        this.ownerName = ownerName;
        this.leaderName = leaderName;
        this.originalDeadline = deadline;
        this.effectiveDeadline = deadline;
        this.target = target;
    }

    void setStatus(RectificationStatus status) {
        this.status = status;
    }

    void reportProgress(int percent, String note, LocalDate on) {
        this.progressPercent = percent;
        this.lastProgressNote = note;
        this.lastProgressOn = on;
    }

    void evidenceAttached() {
        this.evidenceCount++;
    }

    void extensionRequested(String requestId, LocalDate proposedDeadline, String requestedBy) {
        this.pendingExtensionRequestId = requestId;
        this.proposedDeadline = proposedDeadline;
        this.extensionRequestedBy = requestedBy;
    }

    void extensionApproved(LocalDate newDeadline) {
        this.effectiveDeadline = newDeadline;
        this.extensionCount++;
        // a new effective deadline starts its warnings afresh
        this.warningLevel = WarningLevel.GREEN;
        clearPendingExtension();
    }

    void clearPendingExtension() {
        this.pendingExtensionRequestId = null;
        this.proposedDeadline = null;
        this.extensionRequestedBy = null;
    }

    void planApproved() {
        this.status = RectificationStatus.IN_PROGRESS;
        this.warningLevel = WarningLevel.GREEN;
    }

    /** A warning recorded by the item: the level only rises for one effective deadline. */
    void warned(WarningLevel level) {
        if (warningLevel == null || level.isMoreSevereThan(warningLevel)) {
            this.warningLevel = level;
        }
    }

    void closureRequested(LocalDate on, String requestedBy) {
        this.status = RectificationStatus.CLOSURE_REQUESTED;
        this.closureRequestedOn = on;
        this.closureRequestedBy = requestedBy;
    }

    void closureReturned(RectificationStatus returnedTo) {
        this.status = returnedTo;
        this.closureRequestedOn = null;
        this.closureRequestedBy = null;
        if (returnedTo == RectificationStatus.ONGOING) {
            this.warningLevel = null;
        }
    }

    void closed(String verifiedBy, LocalDate on) {
        clearPendingExtension();
        this.status = RectificationStatus.CLOSED;
        this.verifiedBy = verifiedBy;
        this.closedOn = on;
        this.closureRequestedBy = null;
        this.warningLevel = null;
    }

    void declaredOngoing(String verifiedBy) {
        clearPendingExtension();
        this.status = RectificationStatus.ONGOING;
        this.verifiedBy = verifiedBy;
        this.closureRequestedBy = null;
        this.warningLevel = null;
    }

    void reopened(LocalDate newDeadline) {
        this.status = RectificationStatus.IN_PROGRESS;
        this.effectiveDeadline = newDeadline;
        this.closedOn = null;
        this.closureRequestedOn = null;
        this.closureRequestedBy = null;
        this.verifiedBy = null;
        this.warningLevel = WarningLevel.GREEN;
        this.reopenCount++;
    }

    public WarningLevel getWarningLevel() {
        return warningLevel;
    }

    public String getClosureRequestedBy() {
        return closureRequestedBy;
    }

    public String getExtensionRequestedBy() {
        return extensionRequestedBy;
    }

    public String getRectificationId() {
        return rectificationId;
    }

    public RectificationStatus getStatus() {
        return status;
    }

    public String getIssueId() {
        return issueId;
    }

    public String getIssueTitle() {
        return issueTitle;
    }

    public String getIssueDescription() {
        return issueDescription;
    }

    public IssueSource getIssueSource() {
        return issueSource;
    }

    public String getRootCause() {
        return rootCause;
    }

    public String getIssueResponsibleUnitId() {
        return issueResponsibleUnitId;
    }

    public String getMeasure() {
        return measure;
    }

    public RectificationType getType() {
        return type;
    }

    public String getOwnerUnitId() {
        return ownerUnitId;
    }

    public String getOwnerName() {
        return ownerName;
    }

    public String getLeaderName() {
        return leaderName;
    }

    public LocalDate getOriginalDeadline() {
        return originalDeadline;
    }

    public LocalDate getEffectiveDeadline() {
        return effectiveDeadline;
    }

    public String getTarget() {
        return target;
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

    public int getEvidenceCount() {
        return evidenceCount;
    }

    public String getPendingExtensionRequestId() {
        return pendingExtensionRequestId;
    }

    public LocalDate getProposedDeadline() {
        return proposedDeadline;
    }

    public int getExtensionCount() {
        return extensionCount;
    }

    public LocalDate getClosureRequestedOn() {
        return closureRequestedOn;
    }

    public LocalDate getClosedOn() {
        return closedOn;
    }

    public String getVerifiedBy() {
        return verifiedBy;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    public Instant getPlannedAt() {
        return plannedAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
