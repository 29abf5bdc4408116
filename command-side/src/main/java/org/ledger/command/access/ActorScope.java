package org.ledger.command.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.ledger.kernel.unit.UnitId;

/**
 * What the actor of a command may act on: their roles, their own unit and the units of their unit's subtree
 * (their unit included). {@link ActorScopeInterceptor} resolves it from the command's metadata and the command
 * side's unit registry before the handler runs, so that aggregates decide access with pure checks against their
 * own data (owner unit, raising unit, requester) and do no I/O.
 *
 * @param user    the actor's user name
 * @param unit    the actor's own unit; null when the account has none
 * @param roles   the actor's roles
 * @param subtree the actor's unit and all its descendants; empty when the actor has no (registered) unit
 */
public record ActorScope(String user, UnitId unit, Set<Role> roles, Set<UnitId> subtree) {

    /** Key of the unit-of-work resource that holds the scope of the command being handled. */
    public static final String RESOURCE = ActorScope.class.getName();

    public ActorScope {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        subtree = Set.copyOf(subtree);
    }

    /** An actor without any right: what a handler sees when no scope was resolved (fails closed). */
    public static ActorScope nobody() {
        return new ActorScope(null, null, Set.of(), Set.of());
    }

    /** An ADMIN without a unit: allowed everything (fixtures of business rules, maintenance). */
    public static ActorScope unrestricted(String user) {
        return new ActorScope(user, null, Set.of(Role.ADMIN), Set.of());
    }

    /** The known roles among comma separated names (the {@code roles} metadata); unknown names are ignored. */
    public static Set<Role> parseRoles(String names) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (names == null) {
            return roles;
        }
        for (String name : names.split(",")) {
            String trimmed = name.trim().toUpperCase(Locale.ROOT);
            for (Role role : Role.values()) {
                if (role.name().equals(trimmed)) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    /** ADMIN, or a SUPERVISOR whose subtree contains {@code target}. */
    public boolean supervises(UnitId target) {
        return isAdmin() || (has(Role.SUPERVISOR) && target != null && subtree.contains(target));
    }

    /** Supervises {@code target} from above: as {@link #supervises}, but the actor's own unit is not the target. */
    public boolean supervisesFromAbove(UnitId target) {
        return supervises(target) && !Objects.equals(unit, target);
    }

    /** ADMIN, or a UNIT_LEAD whose own unit is {@code target}. */
    public boolean leads(UnitId target) {
        return isAdmin() || (has(Role.UNIT_LEAD) && target != null && target.equals(unit));
    }

    /** Throws {@link AccessDenied} naming {@code rule} unless {@code allowed}. */
    public void require(AccessRule rule, boolean allowed, Object target) {
        if (!allowed) {
            throw new AccessDenied(rule, (user == null ? "no actor" : user) + " " + roles
                    + (unit == null ? "" : " of " + unit.value()) + " for " + describe(target));
        }
    }

    /** Unit ids by their value: the detail a client reads names no internal type. */
    private static String describe(Object target) {
        if (target instanceof UnitId id) {
            return id.value();
        }
        if (target instanceof java.util.Collection<?> many) {
            return many.stream().map(ActorScope::describe).toList().toString();
        }
        return String.valueOf(target);
    }
}
