package org.ledger.app.node;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which sides this node runs ({@code ledger.node.roles}: {@code command}, {@code query} or {@code command,query},
 * the default; DESIGN.md §8). Every node is the same program on the same database; the roles only decide what it
 * serves:
 * <ul>
 *   <li>{@code command}: the command endpoints (POST/PUT/DELETE under /api that change aggregates);</li>
 *   <li>{@code query}: the streaming projections (tracking processors) and the read endpoints.</li>
 * </ul>
 * What every node runs whatever its roles: the command bus and aggregates (commands sent internally, deadlines),
 * the subscribing processors that belong to a command's transaction, db-scheduler (each deadline fires once in the
 * cluster), actuator, OpenAPI.
 */
public record NodeRoles(boolean command, boolean query) {

    public static final String PROPERTY = "ledger.node.roles";

    /** Parses the property's value; anything but command/query (case-insensitive) refuses the start-up. */
    public static NodeRoles parse(String value) {
        Set<String> roles = Stream.of((value == null ? "" : value).split(","))
                .map(role -> role.trim().toLowerCase(Locale.ROOT))
                .filter(role -> !role.isEmpty())
                .collect(Collectors.toSet());
        for (String role : roles) {
            if (!role.equals("command") && !role.equals("query")) {
                throw new IllegalArgumentException(PROPERTY + ": unknown role '" + role
                        + "'; expected command, query or command,query");
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalArgumentException(PROPERTY + " names no role; expected command, query or command,query");
        }
        return new NodeRoles(roles.contains("command"), roles.contains("query"));
    }
}
