package org.ledger.command.agreement;

import java.time.LocalDate;
import org.ledger.kernel.agreement.TaskId;
import org.ledger.kernel.rectification.WarningLevel;

/**
 * The payload of a scheduled warning deadline of one task of a {@link ResponsibilityAgreement}. It names the task and
 * the due date it was computed for, so that a deadline left over from before the task's due date changed is
 * recognised as stale. It is stored (Jackson) in db-scheduler's {@code scheduled_tasks} table until it fires: keep its
 * fields stable.
 *
 * @param taskId   the task the warning is about
 * @param level    GREEN (early notice), YELLOW (due date near) or RED (overdue)
 * @param dueDate  the due date the warning was computed for
 * @param daysLeft the threshold the warning marks: notice/yellow days, or -1 for overdue
 */
public record TaskWarningDue(TaskId taskId, WarningLevel level, LocalDate dueDate, int daysLeft) {
}
