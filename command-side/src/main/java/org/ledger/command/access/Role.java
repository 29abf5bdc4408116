package org.ledger.command.access;

/** The roles of DESIGN.md §6, as accounts and tokens name them (without Spring's {@code ROLE_} prefix). */
public enum Role {
    /** Everything, everywhere. */
    ADMIN,
    /** Acts on its unit's subtree: registers issues, approves, verifies, closes, reopens, runs look-backs. */
    SUPERVISOR,
    /** Acts for its own unit: acknowledges, analyses, plans, reports, requests extension and closure. */
    UNIT_LEAD,
    /** Reads everything; writes nothing. */
    AUDITOR,
    /** Reads its unit's subtree; writes nothing. */
    VIEWER
}
