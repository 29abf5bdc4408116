package org.ledger.query.rectification;

import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;

/**
 * What a client filters the rectification ledger by; null (or empty) means "any".
 *
 * @param unitId       the owner unit of the item
 * @param source       the source of the item's issue
 * @param deadlineFrom effective deadline on or after
 * @param deadlineTo   effective deadline on or before
 * @param q            text contained in the measure or the issue title, case-insensitive
 * @param overdue      true: effective deadline passed and not CLOSED/ONGOING; false: the others
 */
public record RectificationLedgerFilter(String unitId, String issueId, List<RectificationStatus> statuses,
                                        IssueSource source, RectificationType type, LocalDate deadlineFrom,
                                        LocalDate deadlineTo, String q, Boolean overdue) {

    public static RectificationLedgerFilter none() {
        return new RectificationLedgerFilter(null, null, null, null, null, null, null, null, null);
    }
}
