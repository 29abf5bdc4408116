package org.ledger.kernel.agreement;

import org.ledger.kernel.Labelled;

/** Where a responsibility agreement (党建责任书) stands. */
public enum AgreementStatus implements Labelled {
    /** Being drafted: items and tasks change freely; also while only one party has signed. */
    DRAFT("草拟"),
    /** Both parties signed: the agreement binds; changes are amendments with a reason. */
    IN_FORCE("生效"),
    /** Closed at the end of its period; takes no further changes. */
    ARCHIVED("归档");

    private final String label;

    AgreementStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
