package org.ledger.command.unit.registry;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The unit registry must be exact whenever a command is checked against it: its updater is a subscribing
 * processor (it runs in the transaction of the command whose events it follows) whose failures fail that command,
 * and every command that names units is checked against it on the command bus.
 */
@Configuration(proxyBeanMethods = false)
class UnitRegistryConfiguration {

    @Bean
    ConfigurerModule unitRegistryProcessor() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(UnitRegistryUpdater.NAME)
                .assignProcessingGroup(UnitRegistryUpdater.NAME, UnitRegistryUpdater.NAME)
                // A unit event stored without its registry row would let later commands name a unit the registry
                // does not know (or still think a dissolved unit active): roll the command back instead.
                .registerListenerInvocationErrorHandler(UnitRegistryUpdater.NAME,
                        configuration -> PropagatingErrorHandler.instance()));
    }

    @Bean
    UnitReferenceCheck unitReferenceCheck(CommandBus commandBus, UnitRegistry registry) {
        UnitReferenceCheck check = new UnitReferenceCheck(registry::find);
        commandBus.registerHandlerInterceptor(check);
        return check;
    }
}
