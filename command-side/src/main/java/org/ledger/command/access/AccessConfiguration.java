package org.ledger.command.access;

import org.axonframework.commandhandling.CommandBus;
import org.ledger.command.unit.registry.UnitRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires command-side access control: the interceptor that resolves every command's {@link ActorScope}. The
 * parameter resolver that hands it to handlers is registered through
 * {@code META-INF/services/org.axonframework.messaging.annotation.ParameterResolverFactory}, so that Axon finds it
 * everywhere it builds handlers, aggregate test fixtures included.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    @Bean
    ActorScopeInterceptor actorScopeInterceptor(CommandBus commandBus, UnitRegistry registry) {
        ActorScopeInterceptor interceptor = new ActorScopeInterceptor(registry::subtree);
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }
}
