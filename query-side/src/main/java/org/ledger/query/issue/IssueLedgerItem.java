package org.ledger.query.issue;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.ledger.kernel.rectification.RectificationOutcome;

/**
 * The issue ledger's own note of each rectification item of an issue and the last outcome the issue heard of
 * (null while none). The closed and ongoing counts follow these notes: an outcome moves its item from the count
 * of the outcome before to the count of the new one, so that a reopened item that is closed again is not counted
 * twice.
 */
@Entity
@Table(name = "issue_ledger_item")
public class IssueLedgerItem {

    @Id
    @Column(name = "rectification_id", length = 64)
    private String rectificationId;

    @Column(name = "issue_id", nullable = false, length = 64)
    private String issueId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    @Column(name = "last_outcome", length = 16)
    private RectificationOutcome lastOutcome;

    protected IssueLedgerItem() {
    }

    IssueLedgerItem(String rectificationId, String issueId) {
        this.rectificationId = rectificationId;
        this.issueId = issueId;
    }

    public String getRectificationId() {
        return rectificationId;
    }

    public String getIssueId() {
        return issueId;
    }

    public RectificationOutcome getLastOutcome() {
        return lastOutcome;
    }

    void setLastOutcome(RectificationOutcome lastOutcome) {
        this.lastOutcome = lastOutcome;
    }
}
