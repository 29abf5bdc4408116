package org.ledger.kernel.lookback;

import org.ledger.kernel.Labelled;

/** How a look-back chooses the closed items it re-checks (抽样方式). */
public enum SamplingMode implements Labelled {
    /** Every closed item in scope. */
    ALL("全部"),
    /** A fixed number of items, drawn at random with a recorded seed. */
    COUNT("按数量"),
    /** A percentage of the items (rounded up), drawn at random with a recorded seed. */
    PERCENT("按比例");

    private final String label;

    SamplingMode(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
