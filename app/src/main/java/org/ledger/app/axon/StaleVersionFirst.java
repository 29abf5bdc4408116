package org.ledger.app.axon;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolution;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A stale {@code If-Match} answers 412 even when the command would also break a rule on the current state.
 *
 * <p>Axon checks a command's expected version ({@code @TargetAggregateVersion}) only after the handler returns,
 * when the unit of work prepares to commit; a handler that refuses the command first (a {@code RuleViolation}
 * on state the client has not seen) would answer 409 for a write whose real problem is that the client's
 * view is out of date. When the handler fails, this interceptor asks Axon's conflict resolver whether events
 * the client has not seen exist, and if so fails with {@link ConflictingAggregateVersionException} instead,
 * keeping the handler's exception as suppressed. Commands without an expected version are unaffected.
 */
@Configuration(proxyBeanMethods = false)
public class StaleVersionFirst {

    @Bean
    MessageHandlerInterceptor<CommandMessage<?>> staleVersionFirstInterceptor(CommandBus commandBus) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            try {
                return chain.proceed();
            } catch (ConflictingAggregateVersionException e) {
                throw e;
            } catch (Exception handlerFailure) {
                try {
                    ConflictResolution.getConflictResolver().detectConflicts(unseen -> !unseen.isEmpty());
                } catch (ConflictingAggregateVersionException stale) {
                    stale.addSuppressed(handlerFailure);
                    throw stale;
                } catch (RuntimeException lookupFailure) {
                    handlerFailure.addSuppressed(lookupFailure);
                }
                throw handlerFailure;
            }
        };
        commandBus.registerHandlerInterceptor(interceptor);
        return interceptor;
    }
}
