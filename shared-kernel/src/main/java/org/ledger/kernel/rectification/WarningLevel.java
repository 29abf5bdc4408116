package org.ledger.kernel.rectification;

import org.ledger.kernel.Labelled;

/**
 * How near a rectification item's effective deadline is (预警). Thresholds are configuration
 * ({@code ledger.warnings.notice-days}, {@code ledger.warnings.yellow-days}); RED means the deadline has passed.
 */
public enum WarningLevel implements Labelled {
    /** On track; also the level of the early notice ("deadline within 20 days"). */
    GREEN("正常"),
    /** The deadline is near (within the yellow threshold). */
    YELLOW("临期"),
    /** The deadline has passed and the item is not closed. */
    RED("逾期");

    private final String label;

    WarningLevel(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** Whether this level says more than {@code other}: RED over YELLOW over GREEN. */
    public boolean isMoreSevereThan(WarningLevel other) {
        return compareTo(other) > 0;
    }
}
