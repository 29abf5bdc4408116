package org.ledger.query.agreement;

import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.agreement.TaskStatus;
import org.ledger.kernel.rectification.WarningLevel;

/**
 * What a client filters the task ledger by; null (or empty) means "any".
 *
 * @param unitId  the assignee unit, including its subtree
 * @param overdue true: due date passed and not completed; false: the others
 * @param q       text contained in the description, the item content or the assignee's name, case-insensitive
 * @param warningLevel the warning level the task recorded
 */
public record TaskLedgerFilter(String unitId, String agreementId, List<TaskStatus> statuses, Boolean overdue,
                               LocalDate dueFrom, LocalDate dueTo, String q, WarningLevel warningLevel) {

    /** The filters that existed before task warnings: no warning level. */
    public TaskLedgerFilter(String unitId, String agreementId, List<TaskStatus> statuses, Boolean overdue,
                            LocalDate dueFrom, LocalDate dueTo, String q) {
        this(unitId, agreementId, statuses, overdue, dueFrom, dueTo, q, null);
    }

    public static TaskLedgerFilter none() {
        return new TaskLedgerFilter(null, null, null, null, null, null, null);
    }
}
