package org.ledger.kernel.issue;

import org.ledger.kernel.Labelled;

/** Where an issue stands (问题状态). */
public enum IssueStatus implements Labelled {
    /** Registered, waiting for the responsible unit to acknowledge it. */
    REGISTERED("待签收"),
    /** Acknowledged by the responsible unit (签收). */
    ACKNOWLEDGED("已签收"),
    /** Has at least one rectification item that is not yet closed. */
    RECTIFYING("整改中"),
    /** Every rectification item is closed, or ongoing for long-term items. */
    RESOLVED("已整改"),
    /** Withdrawn by the raising side, with a reason. */
    DISMISSED("已撤销");

    private final String label;

    IssueStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
