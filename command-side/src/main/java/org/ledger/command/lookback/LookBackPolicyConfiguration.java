package org.ledger.command.lookback;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The look-back policy runs in the check's own transaction and fails it rather than being skipped. */
@Configuration(proxyBeanMethods = false)
class LookBackPolicyConfiguration {

    @Bean
    ConfigurerModule lookBackPolicyProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(LookBackPolicy.NAME)
                .assignProcessingGroup(LookBackPolicy.NAME, LookBackPolicy.NAME)
                .registerListenerInvocationErrorHandler(LookBackPolicy.NAME,
                        configuration -> PropagatingErrorHandler.instance()));
    }
}
