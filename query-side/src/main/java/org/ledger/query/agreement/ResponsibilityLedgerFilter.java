package org.ledger.query.agreement;

import java.util.List;
import org.ledger.kernel.agreement.AgreementStatus;

/**
 * What a client filters the responsibility ledger by; null (or empty) means "any".
 *
 * @param unitId      the issuer or the responsible unit of the agreement, including their subtrees
 * @param period      a year: agreements whose period overlaps it
 * @param q           text contained in the item's content or category or the agreement's title, case-insensitive
 */
public record ResponsibilityLedgerFilter(String unitId, String agreementId, List<AgreementStatus> statuses,
                                         String category, Integer period, String q) {

    public static ResponsibilityLedgerFilter none() {
        return new ResponsibilityLedgerFilter(null, null, null, null, null, null);
    }
}
