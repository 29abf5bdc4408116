package org.ledger.query.support;

import java.time.Instant;
import org.springframework.data.jpa.domain.Specification;

/**
 * Selects the version of each ledger row that was valid at a moment: the current one when {@code asOf} is null,
 * otherwise the one with {@code validFrom <= asOf < validTo}. Every ledger read goes through it, so that
 * "as of" reads need no other change.
 */
public final class Validity {

    private Validity() {
    }

    public static <T extends LedgerVersion> Specification<T> at(Instant asOf) {
        if (asOf == null) {
            return (root, query, cb) -> cb.isNull(root.get("validTo"));
        }
        return (root, query, cb) -> cb.and(
                cb.lessThanOrEqualTo(root.get("validFrom"), asOf),
                cb.or(cb.isNull(root.get("validTo")), cb.greaterThan(root.get("validTo"), asOf)));
    }
}
