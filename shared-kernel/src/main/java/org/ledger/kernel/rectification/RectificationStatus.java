package org.ledger.kernel.rectification;

import org.ledger.kernel.Labelled;

/** Where a rectification item stands (整改状态). */
public enum RectificationStatus implements Labelled {
    /** Planned, waiting for the supervising side to approve the plan. */
    PLANNED("待审核"),
    /** The plan was returned for revision. */
    PLAN_RETURNED("方案退回"),
    /** The plan is approved and the measure is being carried out (also after a reopening or a returned closure). */
    IN_PROGRESS("整改中"),
    /** Closure requested, waiting for verification. */
    CLOSURE_REQUESTED("待销号"),
    /** Verified and closed (销号). */
    CLOSED("已销号"),
    /** A long-term measure verified as working; stays open with periodic reports. */
    ONGOING("长期坚持");

    private final String label;

    RectificationStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
