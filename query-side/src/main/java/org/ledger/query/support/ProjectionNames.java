package org.ledger.query.support;

/** The processing groups of the query side's projections; event processor configuration refers to them by name. */
public final class ProjectionNames {

    /** The issue ledger (问题清单). */
    public static final String ISSUE_LEDGER = "issue-ledger";

    /** The rectification ledger (整改台账); handles issue events too, for its denormalised issue columns. */
    public static final String RECTIFICATION_LEDGER = "rectification-ledger";

    /** The responsibility ledger (责任清单); handles issue events too, for the issue counts of each item. */
    public static final String RESPONSIBILITY_LEDGER = "responsibility-ledger";

    /** The task ledger (任务清单). */
    public static final String TASK_LEDGER = "task-ledger";

    /** The organisation unit tree (组织单位); also answers the ledgers' subtree filters. */
    public static final String UNIT_TREE = "unit-tree";

    /** The audit log: one row per stored event, for the cross-system audit query. Rebuilt by a rebuild of all. */
    public static final String AUDIT_LOG = "audit-log";

    /**
     * The recorded hash chain over the event store (DESIGN.md §5). An audit record, not a ledger: a rebuild of
     * all projections leaves it alone; only a rebuild that names it resets it.
     */
    public static final String INTEGRITY_CHAIN = "integrity-chain";

    /** The look-back report (回头看): campaigns, samples and outcomes. */
    public static final String LOOK_BACK_REPORT = "look-back-report";

    /**
     * The rectification statistics (整改统计): fact tables of issues and items; handles issue events too, for the
     * issue facts it copies onto the items.
     */
    public static final String RECTIFICATION_STATISTICS = "rectification-statistics";

    /** Evidence files (佐证材料) attached to rectification items: what a download may serve. */
    public static final String EVIDENCE = "evidence";

    private ProjectionNames() {
    }
}
