package org.ledger.command.access;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.unit.UnitId;

/**
 * Gives aggregate fixtures the command side's access pipeline: {@link ActorScopeInterceptor} over a fixed unit tree.
 *
 * <pre>
 * jgw ─┬─ sqdw ───┬─ branch-1
 *      │          └─ branch-2
 *      └─ sqdw-2 ─── branch-3
 * </pre>
 *
 * <p>A command whose metadata names roles is checked as that actor. A command without roles (the tests of business
 * rules, which are not about access) acts as an unrestricted ADMIN without a unit: those tests stay about their rule.
 */
public final class AccessFixtures {

    private static final Map<String, List<String>> CHILDREN = Map.of(
            "jgw", List.of("sqdw", "sqdw-2"),
            "sqdw", List.of("branch-1", "branch-2"),
            "sqdw-2", List.of("branch-3"));

    private AccessFixtures() {
    }

    public static <T> FixtureConfiguration<T> install(FixtureConfiguration<T> fixture) {
        ActorScopeInterceptor real = new ActorScopeInterceptor(AccessFixtures::subtree);
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            var metaData = unitOfWork.getMessage().getMetaData();
            if (metaData.containsKey(MetadataKeys.ROLES)) {
                return real.handle(unitOfWork, chain);
            }
            Object user = metaData.get(MetadataKeys.USER);
            unitOfWork.resources().put(ActorScope.RESOURCE,
                    ActorScope.unrestricted(user == null ? "tester" : user.toString()));
            return chain.proceed();
        };
        fixture.registerCommandHandlerInterceptor(interceptor);
        return fixture;
    }

    /** The metadata of a command sent by {@code user} of {@code unit} with {@code roles}. */
    public static Map<String, Object> actor(String user, String unit, Role... roles) {
        StringBuilder names = new StringBuilder();
        for (Role role : roles) {
            names.append(names.isEmpty() ? "" : ",").append(role.name());
        }
        return Map.of(MetadataKeys.USER, user, MetadataKeys.UNIT, unit, MetadataKeys.ROLES, names.toString());
    }

    static Set<UnitId> subtree(UnitId unit) {
        Set<UnitId> subtree = new LinkedHashSet<>();
        if (!unit.value().equals("jgw") && CHILDREN.values().stream().noneMatch(c -> c.contains(unit.value()))) {
            return subtree;
        }
        collect(unit.value(), subtree);
        return subtree;
    }

    private static void collect(String unit, Set<UnitId> into) {
        into.add(UnitId.of(unit));
        for (String child : CHILDREN.getOrDefault(unit, List.of())) {
            collect(child, into);
        }
    }
}
