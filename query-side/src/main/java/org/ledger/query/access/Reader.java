package org.ledger.query.access;

import java.util.Set;

/**
 * Who reads: the authenticated user, the unit they belong to (null when the account has none) and their role
 * names without Spring's {@code ROLE_} prefix.
 */
public record Reader(String user, String unit, Set<String> roles) {

    public Reader {
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
