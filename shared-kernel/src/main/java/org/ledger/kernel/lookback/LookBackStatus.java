package org.ledger.kernel.lookback;

import org.ledger.kernel.Labelled;

/** Where a look-back campaign stands. */
public enum LookBackStatus implements Labelled {
    OPENED("已启动"),
    SAMPLED("已抽样"),
    COMPLETED("已完成");

    private final String label;

    LookBackStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
