package org.ledger.kernel.issue;

import org.ledger.kernel.Labelled;

/** How serious an issue is (问题性质). */
public enum Severity implements Labelled {
    MINOR("一般"),
    MAJOR("较重"),
    SEVERE("严重");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
