package org.ledger.command.unit;

import org.ledger.kernel.Rule;

/** The business rules of an organisation unit (DESIGN.md §3), each with its name and its words. */
public enum UnitRule implements Rule {

    KindFitsParent("a unit's kind must fit under its parent's kind: a working committee (街工委) is a root or under "
            + "a working committee, a community committee (社区党委) under a working committee, a branch (党支部) under "
            + "a community committee, a group (党小组) under a branch"),
    NoCycles("a unit cannot be moved under itself or under one of its own descendants"),
    MoveMustChangeParent("a move must name a parent other than the current one"),
    DissolvedUnitIsClosed("a dissolved unit takes no further changes"),
    DissolveOnlyWithoutActiveChildren("a unit that still has active child units cannot be dissolved"),
    RenameMustChangeName("a new name must differ from the current name"),
    UnitMustBeActive("every unit a command names must be registered and not dissolved");

    private final String description;

    UnitRule(String description) {
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }
}
