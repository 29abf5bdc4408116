package org.ledger.command.support;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the command side's own infrastructure: the appended-events recorder and the command sender. */
@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    @Bean
    AppendedEventsRecorder appendedEventsRecorder(CommandBus commandBus, EventStore eventStore) {
        AppendedEventsRecorder recorder = new AppendedEventsRecorder();
        commandBus.registerHandlerInterceptor(recorder.commandHandlerInterceptor());
        eventStore.registerDispatchInterceptor(recorder.eventDispatchInterceptor());
        return recorder;
    }

    @Bean
    CommandSender commandSender(CommandGateway gateway, RequestContext context, AppendedEventsRecorder recorder,
                                ReadYourWrites readYourWrites) {
        return new CommandSender(gateway, context, recorder, readYourWrites);
    }
}
