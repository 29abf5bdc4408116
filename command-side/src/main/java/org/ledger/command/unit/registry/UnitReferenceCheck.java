package org.ledger.command.unit.registry;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.ledger.command.unit.UnitRule;
import org.ledger.kernel.RuleViolation;
import org.ledger.kernel.unit.ReferencesUnits;
import org.ledger.kernel.unit.UnitId;

/**
 * Refuses, before any aggregate sees it, a command that names a unit which is not registered or is dissolved
 * ({@link UnitRule#UnitMustBeActive}), so that no ledger row ever points at a unit that does not exist. Applies
 * to every command implementing {@link ReferencesUnits}: registering an issue, planning or revising a
 * rectification item, registering or moving a unit, and whatever names units next.
 *
 * <p>It runs as a command-bus handler interceptor, inside the command's unit of work and transaction, and reads
 * the registry, which the unit events' own transactions keep exact.
 */
public class UnitReferenceCheck implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Function<UnitId, Optional<RegisteredUnit>> lookup;

    /** @param lookup finds a unit in the registry ({@link UnitRegistry#find} in the application) */
    public UnitReferenceCheck(Function<UnitId, Optional<RegisteredUnit>> lookup) {
        this.lookup = lookup;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ReferencesUnits command) {
            check(command);
        }
        return chain.proceed();
    }

    /** Throws {@link RuleViolation} of {@link UnitRule#UnitMustBeActive} for the first unknown or dissolved unit. */
    public void check(ReferencesUnits command) {
        List<UnitId> named = command.referencedUnits();
        if (named == null) {
            return;
        }
        Set<UnitId> distinct = new LinkedHashSet<>();
        named.stream().filter(Objects::nonNull).forEach(distinct::add);
        for (UnitId unitId : distinct) {
            Optional<RegisteredUnit> unit = lookup.apply(unitId);
            if (unit.isEmpty()) {
                throw new RuleViolation(UnitRule.UnitMustBeActive, "unit " + unitId + " is not registered");
            }
            if (unit.get().dissolved()) {
                throw new RuleViolation(UnitRule.UnitMustBeActive, "unit " + unitId + " is dissolved");
            }
        }
    }
}
