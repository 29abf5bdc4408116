package org.ledger.kernel.rectification;

import org.ledger.kernel.Labelled;

/** How a rectification measure is carried out (整改类型). */
public enum RectificationType implements Labelled {
    IMMEDIATE("立行立改"),
    WITHIN_DEADLINE("限期整改"),
    LONG_TERM("长期坚持");

    private final String label;

    RectificationType(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
