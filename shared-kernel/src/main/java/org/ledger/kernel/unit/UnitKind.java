package org.ledger.kernel.unit;

import org.ledger.kernel.Labelled;

/** The kind of an organisation unit (组织单位); the kinds nest in this order, from the root down. */
public enum UnitKind implements Labelled {
    WORKING_COMMITTEE("街工委"),
    COMMUNITY_COMMITTEE("社区党委"),
    BRANCH("党支部"),
    GROUP("党小组");

    private final String label;

    UnitKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
