package org.ledger.query.audit;

import java.util.Map;
import java.util.Optional;

/**
 * The aggregate kinds of {@code GET /api/{kind}/{id}/history}: the path word → the aggregate type that Axon
 * stores in {@code domain_event_entry.type} (the aggregate class's simple name). To give a new aggregate a
 * history endpoint, add one entry.
 */
public final class AggregateKinds {

    /** Path kind → stored aggregate type. */
    static final Map<String, String> TYPES = Map.of(
            "issues", "Issue",
            "rectifications", "RectificationItem",
            "units", "OrgUnit",
            "agreements", "ResponsibilityAgreement",
            "look-backs", "LookBack");

    private AggregateKinds() {
    }

    /** The stored aggregate type of a path kind, empty for a word that names no aggregate kind. */
    public static Optional<String> aggregateType(String kind) {
        return Optional.ofNullable(TYPES.get(kind));
    }
}
