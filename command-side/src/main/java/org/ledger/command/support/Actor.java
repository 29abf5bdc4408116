package org.ledger.command.support;

import java.util.Set;

/** Who sends a command: the authenticated user, the unit they act for, and their roles. */
public record Actor(String user, String unit, Set<String> roles) {

    public Actor {
        roles = Set.copyOf(roles);
    }
}
