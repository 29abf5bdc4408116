package org.ledger.query.audit;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.ledger.query.support.ProjectionNames;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The integrity chain handles every event in one sequence: each link depends on the one before it. A failure
 * propagates: the processor stops at that event and retries it (health eventProcessors DOWN meanwhile) instead of
 * Axon's default of logging and passing on, which would leave an event out of the chain for ever. It has no
 * dead-letter queue for the same reason (README, "Dead letters").
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Autowired
    public void configureSequencing(EventProcessingConfigurer configurer) {
        configurer.registerSequencingPolicy(ProjectionNames.INTEGRITY_CHAIN, c -> new SequentialPolicy());
        configurer.registerListenerInvocationErrorHandler(ProjectionNames.INTEGRITY_CHAIN,
                c -> PropagatingErrorHandler.instance());
    }
}
