package org.ledger.query.statistics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of the facts about a rectification item that the statistics aggregate, with its issue's facts
 * copied on so that every figure is one aggregate over one table. {@code daysToClose} is kept as a column
 * (days from planned-on to closed-on, set while CLOSED) so that the average needs no vendor-specific date
 * arithmetic in SQL.
 */
@Entity
@Table(name = "statistics_item")
public class StatisticsItemFact extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String rectificationId;

    @Column(name = "issue_id", nullable = false, length = 64)
    private String issueId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "issue_source", length = 32)
    private IssueSource issueSource;

    @Column(name = "issue_responsible_unit_id", length = 64)
    private String issueResponsibleUnitId;

    @Column(name = "issue_found_on")
    private LocalDate issueFoundOn;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "type", nullable = false, length = 32)
    private RectificationType type;

    @Column(name = "owner_unit_id", nullable = false, length = 64)
    private String ownerUnitId;

    @Column(name = "planned_on", nullable = false)
    private LocalDate plannedOn;

    @Column(name = "original_deadline", nullable = false)
    private LocalDate originalDeadline;

    @Column(name = "effective_deadline", nullable = false)
    private LocalDate effectiveDeadline;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "status", nullable = false, length = 32)
    private RectificationStatus status;

    @Column(name = "closed_on")
    private LocalDate closedOn;

    @Column(name = "days_to_close")
    private Integer daysToClose;

    @Column(name = "reopen_count", nullable = false)
    private int reopenCount;

    @Column(name = "dismissed", nullable = false)
    private boolean dismissed;

    protected StatisticsItemFact() {
    }

    StatisticsItemFact(String rectificationId, String issueId, RectificationType type, String ownerUnitId,
                       LocalDate plannedOn, LocalDate deadline, long version, Instant at) {
        super(version, at);
        this.rectificationId = rectificationId;
        this.issueId = issueId;
        this.type = type;
        this.ownerUnitId = ownerUnitId;
        this.plannedOn = plannedOn;
        this.originalDeadline = deadline;
        this.effectiveDeadline = deadline;
        this.status = RectificationStatus.PLANNED;
    }

    /** A copy of this version, to become the version {@code version} valid from {@code at}. */
    StatisticsItemFact nextVersion(long version, Instant at) {
        StatisticsItemFact next = new StatisticsItemFact();
        next.startVersion(version, at);
        next.rectificationId = rectificationId;
        next.issueId = issueId;
        next.issueSource = issueSource;
        next.issueResponsibleUnitId = issueResponsibleUnitId;
        next.issueFoundOn = issueFoundOn;
        next.type = type;
        next.ownerUnitId = ownerUnitId;
        next.plannedOn = plannedOn;
        next.originalDeadline = originalDeadline;
        next.effectiveDeadline = effectiveDeadline;
        next.status = status;
        next.closedOn = closedOn;
        next.daysToClose = daysToClose;
        next.reopenCount = reopenCount;
        next.dismissed = dismissed;
        return next;
    }

    /** The columns {@link #bind} writes, in its order: every column but the generated row id. */
    static final String COLUMNS = VERSION_COLUMNS + ", id, issue_id, issue_source, issue_responsible_unit_id, "
            + "issue_found_on, type, owner_unit_id, planned_on, original_deadline, "
            + "effective_deadline, status, closed_on, days_to_close, reopen_count, dismissed";

    /**
     * Binds this version's {@link #COLUMNS} to an insert by plain JDBC ({@link StatisticsItemTable}).
     * {@code StatisticsItemTableTest} checks that it writes, and {@link #read} reads, every column as JPA does.
     */
    void bind(PreparedStatement insert) throws SQLException {
        int i = bindVersion(insert);
        insert.setString(++i, rectificationId);
        insert.setString(++i, issueId);
        insert.setString(++i, issueSource == null ? null : issueSource.name());
        insert.setString(++i, issueResponsibleUnitId);
        bindDate(insert, ++i, issueFoundOn);
        insert.setString(++i, type.name());
        insert.setString(++i, ownerUnitId);
        bindDate(insert, ++i, plannedOn);
        bindDate(insert, ++i, originalDeadline);
        bindDate(insert, ++i, effectiveDeadline);
        insert.setString(++i, status.name());
        bindDate(insert, ++i, closedOn);
        insert.setObject(++i, daysToClose, Types.INTEGER);
        insert.setInt(++i, reopenCount);
        insert.setBoolean(++i, dismissed);
    }

    /** A version read by plain JDBC from a {@code select *} of {@code statistics_item}, not managed by JPA. */
    static StatisticsItemFact read(ResultSet row) throws SQLException {
        StatisticsItemFact read = new StatisticsItemFact();
        read.readVersion(row);
        read.rectificationId = row.getString("id");
        read.issueId = row.getString("issue_id");
        read.issueSource = named(IssueSource.class, row.getString("issue_source"));
        read.issueResponsibleUnitId = row.getString("issue_responsible_unit_id");
        read.issueFoundOn = date(row, "issue_found_on");
        read.type = RectificationType.valueOf(row.getString("type"));
        read.ownerUnitId = row.getString("owner_unit_id");
        read.plannedOn = date(row, "planned_on");
        read.originalDeadline = date(row, "original_deadline");
        read.effectiveDeadline = date(row, "effective_deadline");
        read.status = RectificationStatus.valueOf(row.getString("status"));
        read.closedOn = date(row, "closed_on");
        read.daysToClose = row.getObject("days_to_close", Integer.class);
        read.reopenCount = row.getInt("reopen_count");
        read.dismissed = row.getBoolean("dismissed");
        return read;
    }

    boolean showsIssueFacts(StatisticsIssueFact issue) {
        return issueSource == issue.getSource()
                && Objects.equals(issueResponsibleUnitId, issue.getResponsibleUnitId())
                && Objects.equals(issueFoundOn, issue.getFoundOn())
                && dismissed == issue.isDismissed();
    }

    void copyIssueFacts(StatisticsIssueFact issue) {
        this.issueSource = issue.getSource();
        this.issueResponsibleUnitId = issue.getResponsibleUnitId();
        this.issueFoundOn = issue.getFoundOn();
        this.dismissed = issue.isDismissed();
    }

    /**
     * A revised plan (only before approval) replaces type, owner and deadline; the revised deadline is the
     * original one, as in the rectification ledger: nothing was promised before the plan was approved.
     */
    void revise(RectificationType newType, String newOwnerUnitId, LocalDate deadline) {
        this.type = newType;
        this.ownerUnitId = newOwnerUnitId;
        this.originalDeadline = deadline;
        this.effectiveDeadline = deadline;
        this.status = RectificationStatus.PLANNED;
    }

    void setStatus(RectificationStatus newStatus) {
        this.status = newStatus;
    }

    void extendTo(LocalDate newDeadline) {
        this.effectiveDeadline = newDeadline;
    }

    void close(LocalDate on) {
        this.status = RectificationStatus.CLOSED;
        this.closedOn = on;
        this.daysToClose = on == null ? null : (int) ChronoUnit.DAYS.between(plannedOn, on);
    }

    void reopen(LocalDate newDeadline) {
        this.status = RectificationStatus.IN_PROGRESS;
        this.effectiveDeadline = newDeadline;
        this.closedOn = null;
        this.daysToClose = null;
        this.reopenCount++;
    }

    public String getRectificationId() {
        return rectificationId;
    }

    public String getIssueId() {
        return issueId;
    }

    public IssueSource getIssueSource() {
        return issueSource;
    }

    public String getIssueResponsibleUnitId() {
        return issueResponsibleUnitId;
    }

    public LocalDate getIssueFoundOn() {
        return issueFoundOn;
    }

    public RectificationType getType() {
        return type;
    }

    public String getOwnerUnitId() {
        return ownerUnitId;
    }

    public LocalDate getPlannedOn() {
        return plannedOn;
    }

    public LocalDate getOriginalDeadline() {
        return originalDeadline;
    }

    public LocalDate getEffectiveDeadline() {
        return effectiveDeadline;
    }

    public RectificationStatus getStatus() {
        return status;
    }

    public LocalDate getClosedOn() {
        return closedOn;
    }

    public Integer getDaysToClose() {
        return daysToClose;
    }

    public int getReopenCount() {
        return reopenCount;
    }

    public boolean isDismissed() {
        return dismissed;
    }
}
