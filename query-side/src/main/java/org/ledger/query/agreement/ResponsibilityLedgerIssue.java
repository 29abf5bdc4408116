package org.ledger.query.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The responsibility ledger's own note of an issue that names a responsibility item, kept from the issue events:
 * OPEN, CLOSED (resolved) or DISMISSED. {@code version} is the last issue sequence number applied.
 */
@Entity
@Table(name = "responsibility_ledger_issue")
public class ResponsibilityLedgerIssue {

    static final String OPEN = "OPEN";
    static final String CLOSED = "CLOSED";
    static final String DISMISSED = "DISMISSED";

    @Id
    @Column(name = "issue_id", length = 64)
    private String issueId;

    @Column(name = "agreement_id", nullable = false, length = 64)
    private String agreementId;

    @Column(name = "item_id", nullable = false, length = 64)
    private String itemId;

    @Column(name = "state", nullable = false, length = 16)
    private String state;

    @Column(name = "version", nullable = false)
    private long version;

    protected ResponsibilityLedgerIssue() {
    }

    ResponsibilityLedgerIssue(String issueId, String agreementId, String itemId, long version) {
        this.issueId = issueId;
        this.agreementId = agreementId;
        this.itemId = itemId;
        this.state = OPEN;
        this.version = version;
    }

    void moveTo(String state, long version) {
        this.state = state;
        this.version = version;
    }

    public String getIssueId() {
        return issueId;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public String getItemId() {
        return itemId;
    }

    public String getState() {
        return state;
    }

    public long getVersion() {
        return version;
    }
}
