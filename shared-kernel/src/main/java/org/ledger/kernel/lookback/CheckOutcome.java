package org.ledger.kernel.lookback;

import org.ledger.kernel.Labelled;

/** What re-checking a closed item found (核查结果). */
public enum CheckOutcome implements Labelled {
    /** The rectification holds (巩固). */
    CONFIRMED("巩固"),
    /** The problem came back: the item is reopened with a reason and a new deadline (反弹). */
    REBOUNDED("反弹"),
    /** A new problem was found: an issue is registered with source LOOK_BACK (新问题). */
    NEW_ISSUE("发现新问题");

    private final String label;

    CheckOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
