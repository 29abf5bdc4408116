package org.ledger.query.statistics;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.query.support.LedgerVersion;

/**
 * One version of the facts about an issue that the statistics count: source, responsible unit, found-on date and
 * whether it was dismissed. Versions are kept (like the ledgers' rows) so the statistics can be read as of an
 * instant.
 */
@Entity
@Table(name = "statistics_issue")
public class StatisticsIssueFact extends LedgerVersion {

    @Column(name = "id", nullable = false, length = 64)
    private String issueId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "source", nullable = false, length = 32)
    private IssueSource source;

    @Column(name = "responsible_unit_id", nullable = false, length = 64)
    private String responsibleUnitId;

    @Column(name = "found_on", nullable = false)
    private LocalDate foundOn;

    @Column(name = "dismissed", nullable = false)
    private boolean dismissed;

    protected StatisticsIssueFact() {
    }

    StatisticsIssueFact(String issueId, IssueSource source, String responsibleUnitId, LocalDate foundOn,
                        long version, Instant at) {
        super(version, at);
        this.issueId = issueId;
        this.source = source;
        this.responsibleUnitId = responsibleUnitId;
        this.foundOn = foundOn;
    }

    /** A copy of this version, to become the version {@code version} valid from {@code at}. */
    StatisticsIssueFact nextVersion(long version, Instant at) {
        StatisticsIssueFact next = new StatisticsIssueFact();
        next.startVersion(version, at);
        next.issueId = issueId;
        next.source = source;
        next.responsibleUnitId = responsibleUnitId;
        next.foundOn = foundOn;
        next.dismissed = dismissed;
        return next;
    }

    void dismiss() {
        this.dismissed = true;
    }

    public String getIssueId() {
        return issueId;
    }

    public IssueSource getSource() {
        return source;
    }

    public String getResponsibleUnitId() {
        return responsibleUnitId;
    }

    public LocalDate getFoundOn() {
        return foundOn;
    }

    public boolean isDismissed() {
        return dismissed;
    }
}
