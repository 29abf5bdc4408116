package org.ledger.query.issue;

import java.time.LocalDate;
import java.util.List;
import org.ledger.kernel.issue.IssueSource;
import org.ledger.kernel.issue.IssueStatus;

/**
 * What a client filters the issue ledger by; null (or empty) means "any".
 *
 * @param unitId    the responsible unit
 * @param statuses  any of these statuses
 * @param q         text contained in the title or the description, case-insensitive
 * @param foundFrom found on or after
 * @param foundTo   found on or before
 */
public record IssueLedgerFilter(String unitId, List<IssueStatus> statuses, IssueSource source, String category,
                                String q, LocalDate foundFrom, LocalDate foundTo) {

    public static IssueLedgerFilter none() {
        return new IssueLedgerFilter(null, null, null, null, null, null, null);
    }
}
