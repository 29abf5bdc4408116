package org.ledger.query.rectification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.issue.IssueSource;

/**
 * The rectification ledger's own note of the issue facts it copies onto item rows, kept from the issue events
 * (never read from the issue ledger's tables). {@code version} is the last issue sequence number applied.
 */
@Entity
@Table(name = "rectification_ledger_issue")
public class RectificationLedgerIssue {

    @Id
    @Column(name = "issue_id", length = 64)
    private String issueId;

    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "title", length = 200)
    private String title;

    @Column(name = "description", length = 4000)
    private String description;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "source", length = 32)
    private IssueSource source;

    @Column(name = "responsible_unit_id", length = 64)
    private String responsibleUnitId;

    @Column(name = "root_cause", length = 4000)
    private String rootCause;

    @Column(name = "root_cause_revision", nullable = false)
    private int rootCauseRevision;

    protected RectificationLedgerIssue() {
    }

    RectificationLedgerIssue(String issueId, long version, String title, String description, IssueSource source,
                             String responsibleUnitId) {
        this.issueId = issueId;
        this.version = version;
        this.title = title;
        this.description = description;
        this.source = source;
        this.responsibleUnitId = responsibleUnitId;
    }

    void recordRootCause(long version, int revision, String analysis) {
        this.version = version;
        this.rootCauseRevision = revision;
        this.rootCause = analysis;
    }

    public String getIssueId() {
        return issueId;
    }

    public long getVersion() {
        return version;
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

    public String getResponsibleUnitId() {
        return responsibleUnitId;
    }

    public String getRootCause() {
        return rootCause;
    }

    public int getRootCauseRevision() {
        return rootCauseRevision;
    }
}
