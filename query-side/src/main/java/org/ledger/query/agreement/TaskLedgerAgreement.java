package org.ledger.query.agreement;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The task ledger's own note of the agreement facts it copies onto task rows (they never change), and whether the
 * agreement is in force: only then do its tasks' warnings run, so only then does a new task start at GREEN.
 */
@Entity
@Table(name = "task_ledger_agreement")
public class TaskLedgerAgreement {

    @Id
    @Column(name = "agreement_id", length = 64)
    private String agreementId;

    @Column(name = "title", length = 200)
    private String title;

    @Column(name = "responsible_unit_id", length = 64)
    private String responsibleUnitId;

    @Column(name = "in_force", nullable = false)
    private boolean inForce;

    protected TaskLedgerAgreement() {
    }

    TaskLedgerAgreement(String agreementId, String title, String responsibleUnitId) {
        this.agreementId = agreementId;
        this.title = title;
        this.responsibleUnitId = responsibleUnitId;
    }

    public String getAgreementId() {
        return agreementId;
    }

    public String getTitle() {
        return title;
    }

    public String getResponsibleUnitId() {
        return responsibleUnitId;
    }

    public boolean isInForce() {
        return inForce;
    }

    void setInForce(boolean inForce) {
        this.inForce = inForce;
    }
}
