package org.ledger.command.access;

import java.util.Set;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.ledger.kernel.MetadataKeys;
import org.ledger.kernel.unit.UnitId;

/**
 * Resolves the actor of every command (metadata {@code user}, {@code unit}, {@code roles}) into an
 * {@link ActorScope} and keeps it as a resource of the command's unit of work, where
 * {@link ActorScopeParameterResolverFactory} hands it to the handler. The subtree comes from the command side's
 * own unit registry (never behind the event store), so the aggregates stay free of I/O.
 *
 * <p>Commands that policies send on behalf of an event carry the metadata of the command that caused it, so they
 * are checked as the person whose action set them off.
 */
public class ActorScopeInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final Function<UnitId, Set<UnitId>> subtrees;

    /** @param subtrees a unit's subtree, the unit included; empty for an unknown unit */
    public ActorScopeInterceptor(Function<UnitId, Set<UnitId>> subtrees) {
        this.subtrees = subtrees;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        unitOfWork.resources().put(ActorScope.RESOURCE, resolve(unitOfWork.getMessage().getMetaData()));
        return chain.proceed();
    }

    /** The scope of the actor the metadata names. */
    public ActorScope resolve(MetaData metaData) {
        Object user = metaData.get(MetadataKeys.USER);
        Object unit = metaData.get(MetadataKeys.UNIT);
        Object roles = metaData.get(MetadataKeys.ROLES);
        UnitId unitId = null;
        Set<UnitId> subtree = Set.of();
        if (unit instanceof String value && !value.isBlank()) {
            try {
                unitId = UnitId.of(value);
                subtree = subtrees.apply(unitId);
            } catch (IllegalArgumentException invalid) {
                unitId = null;
            }
        }
        return new ActorScope(user == null ? null : user.toString(), unitId,
                ActorScope.parseRoles(roles == null ? null : roles.toString()), subtree);
    }
}
