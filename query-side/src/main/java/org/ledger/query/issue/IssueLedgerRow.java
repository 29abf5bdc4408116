package org.ledger.query.issue;

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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.IssueStatus;
import org.ledger.kernel.issue.Severity;
import org.ledger.kernel.rectification.RectificationOutcome;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of one row of the issue ledger (问题清单). Rows are never changed in place except to end their
 * validity: {@link #nextVersion} copies the current version, the projection changes the copy.
 */
@Entity
@Table(name = "issue_ledger")
public class IssueLedgerRow extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String issueId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 32)
    private IssueStatus status;

    @Column(name = "title", nullable = false, length = 200)
    private String title;

    @Column(name = "description", length = 4000)
    private String description;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "source", nullable = false, length = 32)
    private IssueSource source;

    @Column(name = "source_reference", length = 200)
    private String sourceReference;

    @Column(name = "category", length = 100)
    private String category;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "severity", length = 16)
    private Severity severity;

    @Column(name = "responsible_unit_id", nullable = false, length = 64)
    private String responsibleUnitId;

    @Column(name = "raised_by_unit_id", length = 64)
    private String raisedByUnitId;

    @Column(name = "found_on")
    private LocalDate foundOn;

    @Column(name = "responsibility_agreement_id", length = 64)
    private String responsibilityAgreementId;

    @Column(name = "responsibility_item_id", length = 64)
    private String responsibilityItemId;

    @Column(name = "root_cause", length = 4000)
    private String rootCause;

    @Column(name = "root_cause_revision", nullable = false)
    private int rootCauseRevision;

    @Column(name = "item_count", nullable = false)
    private int itemCount;

    @Column(name = "closed_item_count", nullable = false)
    private int closedItemCount;

    @Column(name = "ongoing_item_count", nullable = false)
    private int ongoingItemCount;

    @Column(name = "dismissal_reason", length = 4000)
    private String dismissalReason;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected IssueLedgerRow() {
    }

    IssueLedgerRow(String issueId, long version, Instant at) {
        super(version, at);
        this.issueId = issueId;
        this.status = IssueStatus.REGISTERED;
        this.registeredAt = at;
        this.updatedAt = at;
    }

    /**
     * A version read by plain JDBC from a {@code select *} of {@code issue_ledger}, not managed by JPA: a page's 20
     * rows and an export's chunks. Through JPA they were 15 % of a remembered page's CPU (issue 9).
     * {@code IssueLedgerProjectionTest} checks that it reads every column as JPA does.
     */
    static IssueLedgerRow read(ResultSet row) throws SQLException {
        IssueLedgerRow read = new IssueLedgerRow();
        read.readVersion(row);
        read.issueId = row.getString("id");
        read.status = IssueStatus.valueOf(row.getString("status"));
        read.title = row.getString("title");
        read.description = row.getString("description");
        read.source = IssueSource.valueOf(row.getString("source"));
        read.sourceReference = row.getString("source_reference");
        read.category = row.getString("category");
        read.severity = named(Severity.class, row.getString("severity"));
        read.responsibleUnitId = row.getString("responsible_unit_id");
        read.raisedByUnitId = row.getString("raised_by_unit_id");
        read.foundOn = date(row, "found_on");
        read.responsibilityAgreementId = row.getString("responsibility_agreement_id");
        read.responsibilityItemId = row.getString("responsibility_item_id");
        read.rootCause = row.getString("root_cause");
        read.rootCauseRevision = row.getInt("root_cause_revision");
        read.itemCount = row.getInt("item_count");
        read.closedItemCount = row.getInt("closed_item_count");
        read.ongoingItemCount = row.getInt("ongoing_item_count");
        read.dismissalReason = row.getString("dismissal_reason");
        read.registeredAt = instant(row, "registered_at");
        read.updatedAt = instant(row, "updated_at");
        return read;
    }

    /** The columns {@link #bind} writes, in its order: every column but the generated row id. */
    static final String COLUMNS = VERSION_COLUMNS + ", id, status, title, description, source, source_reference, "
            + "category, severity, responsible_unit_id, raised_by_unit_id, found_on, responsibility_agreement_id, "
            + "responsibility_item_id, root_cause, root_cause_revision, item_count, closed_item_count, "
            + "ongoing_item_count, dismissal_reason, registered_at, updated_at";

    /**
     * Binds this version's {@link #COLUMNS} to an insert by plain JDBC ({@link IssueLedgerTable}).
     * {@code IssueLedgerProjectionTest.aRowReadByJdbcHoldsEveryColumnAsItsEntityDoes} checks that it writes, and
     * {@link #read} reads, every column as JPA does.
     */
    void bind(PreparedStatement insert) throws SQLException {
        int i = bindVersion(insert);
        insert.setString(++i, issueId);
        insert.setString(++i, status.name());
        insert.setString(++i, title);
        insert.setString(++i, description);
        insert.setString(++i, source.name());
        insert.setString(++i, sourceReference);
        insert.setString(++i, category);
        insert.setString(++i, severity == null ? null : severity.name());
        insert.setString(++i, responsibleUnitId);
        insert.setString(++i, raisedByUnitId);
        bindDate(insert, ++i, foundOn);
        insert.setString(++i, responsibilityAgreementId);
        insert.setString(++i, responsibilityItemId);
        insert.setString(++i, rootCause);
        insert.setInt(++i, rootCauseRevision);
        insert.setInt(++i, itemCount);
        insert.setInt(++i, closedItemCount);
        insert.setInt(++i, ongoingItemCount);
        insert.setString(++i, dismissalReason);
        bindInstant(insert, ++i, registeredAt);
        bindInstant(insert, ++i, updatedAt);
    }

    /** A copy of this version, to become the version {@code version} valid from {@code at}. */
    IssueLedgerRow nextVersion(long version, Instant at) {
        IssueLedgerRow next = new IssueLedgerRow();
        next.startVersion(version, at);
        next.issueId = issueId;
        next.status = status;
        next.title = title;
        next.description = description;
        next.source = source;
        next.sourceReference = sourceReference;
        next.category = category;
        next.severity = severity;
        next.responsibleUnitId = responsibleUnitId;
        next.raisedByUnitId = raisedByUnitId;
        next.foundOn = foundOn;
        next.responsibilityAgreementId = responsibilityAgreementId;
        next.responsibilityItemId = responsibilityItemId;
        next.rootCause = rootCause;
        next.rootCauseRevision = rootCauseRevision;
        next.itemCount = itemCount;
        next.closedItemCount = closedItemCount;
        next.ongoingItemCount = ongoingItemCount;
        next.dismissalReason = dismissalReason;
        next.registeredAt = registeredAt;
        next.updatedAt = at;
        return next;
    }

    void describe(String title, String description, IssueSource source, String sourceReference, String category,
                  Severity severity, String responsibleUnitId, String raisedByUnitId, LocalDate foundOn,
                  String responsibilityAgreementId, String responsibilityItemId) {
        this.title = title;
        this.description = description;
        this.source = source;
        this.sourceReference = sourceReference;
        this.category = category;
        this.severity = severity;
        this.responsibleUnitId = responsibleUnitId;
        this.raisedByUnitId = raisedByUnitId;
        this.foundOn = foundOn;
        this.responsibilityAgreementId = responsibilityAgreementId;
        this.responsibilityItemId = responsibilityItemId;
    }

    void setStatus(IssueStatus status) {
        this.status = status;
    }

    void setRootCause(int revision, String analysis) {
        this.rootCauseRevision = revision;
        this.rootCause = analysis;
    }

    /** One more rectification item of the issue, with no outcome yet. */
    void countNewItem() {
        itemCount++;
    }

    /** One item's last outcome went from {@code before} (null: none yet) to {@code after}. */
    void countOutcome(RectificationOutcome before, RectificationOutcome after) {
        closedItemCount += (after == RectificationOutcome.CLOSED ? 1 : 0)
                - (before == RectificationOutcome.CLOSED ? 1 : 0);
        ongoingItemCount += (after == RectificationOutcome.ONGOING ? 1 : 0)
                - (before == RectificationOutcome.ONGOING ? 1 : 0);
    }

    void setDismissalReason(String dismissalReason) {
        this.dismissalReason = dismissalReason;
    }

    public String getIssueId() {
        return issueId;
    }

    public IssueStatus getStatus() {
        return status;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public IssueSource getSource() {
        return source;
    }

    public String getSourceReference() {
        return sourceReference;
    }

    public String getCategory() {
        return category;
    }

    public Severity getSeverity() {
        return severity;
    }

    public String getResponsibleUnitId() {
        return responsibleUnitId;
    }

    public String getRaisedByUnitId() {
        return raisedByUnitId;
    }

    public LocalDate getFoundOn() {
        return foundOn;
    }

    public String getResponsibilityAgreementId() {
        return responsibilityAgreementId;
    }

    public String getResponsibilityItemId() {
        return responsibilityItemId;
    }

    public String getRootCause() {
        return rootCause;
    }

    public int getRootCauseRevision() {
        return rootCauseRevision;
    }

    public int getItemCount() {
        return itemCount;
    }

    public int getClosedItemCount() {
        return closedItemCount;
    }

    public int getOngoingItemCount() {
        return ongoingItemCount;
    }

    public String getDismissalReason() {
        return dismissalReason;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
