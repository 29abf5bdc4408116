package org.ledger.command.access;

import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ParameterResolver;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Lets command handlers declare an {@link ActorScope} parameter: the scope that {@link ActorScopeInterceptor}
 * put in the current unit of work. Without one (no interceptor ran) the handler gets {@link ActorScope#nobody()},
 * which every access rule refuses: access fails closed.
 */
public class ActorScopeParameterResolverFactory implements ParameterResolverFactory {

    @Override
    public ParameterResolver<ActorScope> createInstance(Executable executable, Parameter[] parameters,
                                                        int parameterIndex) {
        if (!ActorScope.class.equals(parameters[parameterIndex].getType())) {
            return null;
        }
        return new ParameterResolver<>() {
            @Override
            public ActorScope resolveParameterValue(Message<?> message) {
                if (!CurrentUnitOfWork.isStarted()) {
                    return ActorScope.nobody();
                }
                Object scope = CurrentUnitOfWork.get().getResource(ActorScope.RESOURCE);
                return scope instanceof ActorScope actorScope ? actorScope : ActorScope.nobody();
            }

            @Override
            public boolean matches(Message<?> message) {
                return true;
            }
        };
    }
}
