package org.ledger.command.lookback.registry;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The registry is written in the item events' own transaction: a failure fails the command, never skips. */
@Configuration(proxyBeanMethods = false)
class ClosedItemRegistryConfiguration {

    @Bean
    ConfigurerModule closedItemRegistryProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(ClosedItemRegistry.NAME)
                .assignProcessingGroup(ClosedItemRegistry.NAME, ClosedItemRegistry.NAME)
                .registerListenerInvocationErrorHandler(ClosedItemRegistry.NAME,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
