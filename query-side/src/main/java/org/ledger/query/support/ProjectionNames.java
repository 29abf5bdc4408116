package org.ledger.query.support;

/** The processing groups of the query side's projections; event processor configuration refers to them by name. */
public final class ProjectionNames {

    /** The issue ledger (问题清单). */
    public static final String ISSUE_LEDGER = "issue-ledger";

    /** The rectification ledger (整改台账); handles issue events too, for its denormalised issue columns. */
    public static final String RECTIFICATION_LEDGER = "rectification-ledger";

    private ProjectionNames() {
    }
}
