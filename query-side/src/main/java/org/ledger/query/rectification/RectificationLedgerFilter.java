package org.ledger.query.rectification;

import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.rectification.RectificationStatus;
import org.ledger.kernel.rectification.RectificationType;
import org.ledger.kernel.rectification.WarningLevel;

/**
 * What a client filters the rectification ledger by; null (or empty) means "any".
 *
 * @param unitId       the owner unit of the item
 * @param source       the source of the item's issue
 * @param deadlineFrom effective deadline on or after
 * @param deadlineTo   effective deadline on or before
 * @param q            text contained in the measure or the issue title, case-insensitive
 * @param overdue      true: effective deadline passed and not CLOSED/ONGOING; false: the others
 * @param warningLevel the warning level the item recorded
 * @param dueWithinDays effective deadline from today to today + N days, the item neither CLOSED nor ONGOING
 * @param awaitingMyVerification true: CLOSURE_REQUESTED by someone other than {@code viewer}
 * @param awaitingMyApproval true: plan PLANNED, or an extension pending that someone other than {@code viewer} asked
 * @param viewer       the user the "my" filters are about (from the security context, never from the client)
 */
public record RectificationLedgerFilter(String unitId, String issueId, List<RectificationStatus> statuses,
                                        IssueSource source, RectificationType type, LocalDate deadlineFrom,
                                        LocalDate deadlineTo, String q, Boolean overdue, WarningLevel warningLevel,
                                        Integer dueWithinDays, Boolean awaitingMyVerification,
                                        Boolean awaitingMyApproval, String viewer) {

    /** The filters that existed before warnings: no warning, due-within or "my" filter. */
    public RectificationLedgerFilter(String unitId, String issueId, List<RectificationStatus> statuses,
                                     IssueSource source, RectificationType type, LocalDate deadlineFrom,
                                     LocalDate deadlineTo, String q, Boolean overdue) {
        this(unitId, issueId, statuses, source, type, deadlineFrom, deadlineTo, q, overdue, null, null, null, null,
                null);
    }

    public static RectificationLedgerFilter none() {
        return new RectificationLedgerFilter(null, null, null, null, null, null, null, null, null);
    }

    /**
     * The same filter without its viewer unless a "my" filter is set: the viewer selects nothing else, and readers
     * of the same filter and scope then share the ids remembered for it (RectificationLedgerQueries).
     */
    RectificationLedgerFilter viewerOnlyWhereItMatters() {
        if (Boolean.TRUE.equals(awaitingMyVerification) || Boolean.TRUE.equals(awaitingMyApproval)) {
            return this;
        }
        return new RectificationLedgerFilter(unitId, issueId, statuses, source, type, deadlineFrom, deadlineTo, q,
                overdue, warningLevel, dueWithinDays, awaitingMyVerification, awaitingMyApproval, null);
    }
}
