package org.ledger.kernel.agreement;

import org.ledger.kernel.Labelled;

/** The two parties of a responsibility agreement. */
public enum Party implements Labelled {
    /** The issuing, higher-level unit (上级, 发文单位). */
    ISSUER("上级"),
    /** The responsible, lower-level unit (下级, 责任单位). */
    RESPONSIBLE("下级");

    private final String label;

    Party(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
