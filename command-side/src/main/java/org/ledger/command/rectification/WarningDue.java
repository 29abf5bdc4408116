package org.ledger.command.rectification;

import java.time.LocalDate;
import org.ledger.kernel.rectification.WarningLevel;

/**
 * The payload of a scheduled warning deadline of a {@link RectificationItem}. It names the effective deadline it was
 * computed for, so that a deadline left over from before an extension or reopening is recognised as stale. It is
 * stored (Jackson) in db-scheduler's {@code scheduled_tasks} table until it fires: keep its fields stable.
 *
 * @param level             GREEN (early notice), YELLOW (deadline near) or RED (overdue)
 * @param effectiveDeadline the deadline the warning is about
 * @param daysLeft          the threshold the warning marks: notice/yellow days, or -1 for overdue
 */
public record WarningDue(WarningLevel level, LocalDate effectiveDeadline, int daysLeft) {
}
