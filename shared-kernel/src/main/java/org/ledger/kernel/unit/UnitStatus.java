package org.ledger.kernel.unit;

import org.ledger.kernel.Labelled;

/** Whether an organisation unit still exists (存续) or has been dissolved (已撤销). */
public enum UnitStatus implements Labelled {
    ACTIVE("存续"),
    DISSOLVED("已撤销");

    private final String label;

    UnitStatus(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
