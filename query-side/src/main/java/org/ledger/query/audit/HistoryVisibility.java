package org.ledger.query.audit;

import org.ledger.query.access.ReadScope;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.agreement.ResponsibilityLedgerQueries;
import org.ledger.query.issue.IssueLedgerQueries;
import org.ledger.query.lookback.LookBackQueries;
import org.ledger.query.rectification.RectificationLedgerQueries;
import org.springframework.stereotype.Component;

/**
 * Whether the current reader may read an aggregate's history (DESIGN.md §6): exactly when they may read its row
 * today, judged by the ledger that shows it — the same columns as there (an issue by its responsible or raising
 * unit, an item by its owner unit or its issue's responsible unit, an agreement by its issuer or responsible unit,
 * a look-back by all its units, a unit by itself). A history the reader may not see is not found (404).
 */
@Component
class HistoryVisibility {

    private final ReadScopes scopes;
    private final IssueLedgerQueries issues;
    private final RectificationLedgerQueries rectifications;
    private final ResponsibilityLedgerQueries agreements;
    private final LookBackQueries lookBacks;

    HistoryVisibility(ReadScopes scopes, IssueLedgerQueries issues, RectificationLedgerQueries rectifications,
                      ResponsibilityLedgerQueries agreements, LookBackQueries lookBacks) {
        this.scopes = scopes;
        this.issues = issues;
        this.rectifications = rectifications;
        this.agreements = agreements;
        this.lookBacks = lookBacks;
    }

    /** @param aggregateType the stored type, as {@link AggregateKinds} names it */
    boolean visible(String aggregateType, String aggregateId) {
        ReadScope scope = scopes.current();
        if (scope.all()) {
            return true;
        }
        return switch (aggregateType) {
            case "Issue" -> issues.find(aggregateId, null).isPresent();
            case "RectificationItem" -> rectifications.find(aggregateId, null).isPresent();
            case "ResponsibilityAgreement" -> agreements.find(aggregateId, null).isPresent();
            case "LookBack" -> lookBacks.visible(aggregateId);
            case "OrgUnit" -> scope.covers(aggregateId);
            default -> false;
        };
    }
}
