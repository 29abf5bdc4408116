package org.ledger.kernel.rectification;

import org.ledger.kernel.Labelled;

/** The verifier's finding on a closure request (核查结论). */
public enum VerificationOutcome implements Labelled {
    CLOSED("销号"),
    ONGOING("长期坚持"),
    RETURNED("退回");

    private final String label;

    VerificationOutcome(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
