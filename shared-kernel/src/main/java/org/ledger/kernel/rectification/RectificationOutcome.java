package org.ledger.kernel.rectification;

import org.ledger.kernel.Labelled;

/** What happened to a rectification item that its issue needs to know to keep its own status. */
public enum RectificationOutcome implements Labelled {
    CLOSED("已销号"),
    ONGOING("长期坚持"),
    REOPENED("重新整改");

    private final String label;

    RectificationOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
