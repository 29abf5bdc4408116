package org.ledger.command.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Remembers which events a command appended, so that its sender can wait for the ledgers to show them.
 *
 * <p>An event-bus dispatch interceptor notes every domain event in the root unit of work; a command-bus
 * handler interceptor hands the list over once that unit of work has committed. Only commands whose
 * sender asked for it ({@link #expect}) are recorded, so commands sent by policies or the scheduler leave
 * nothing behind.
 */
public class AppendedEventsRecorder {

    private static final String RESOURCE = AppendedEventsRecorder.class.getName() + ".appended";
    private static final List<AppendedEvent> PENDING = List.of();

    private final Map<String, List<AppendedEvent>> byCommand = new ConcurrentHashMap<>();

    /** Announces a command whose appended events its sender will {@link #take}. */
    public void expect(String commandMessageId) {
        byCommand.put(commandMessageId, PENDING);
    }

    /** The events the command appended (empty if it failed or appended none); forgets them. */
    public List<AppendedEvent> take(String commandMessageId) {
        List<AppendedEvent> appended = byCommand.remove(commandMessageId);
        return appended == null ? List.of() : appended;
    }

    /** To register on the event store: notes each domain event published in the current unit of work. */
    public MessageDispatchInterceptor<EventMessage<?>> eventDispatchInterceptor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(
                    List<? extends EventMessage<?>> messages) {
                if (CurrentUnitOfWork.isStarted()) {
                    List<AppendedEvent> appended = CurrentUnitOfWork.get().root()
                            .getOrComputeResource(RESOURCE, key -> new ArrayList<AppendedEvent>());
                    for (EventMessage<?> message : messages) {
                        if (message instanceof DomainEventMessage<?> event) {
                            appended.add(new AppendedEvent(event.getAggregateIdentifier(), event.getSequenceNumber()));
                        }
                    }
                }
                return (index, message) -> message;
            }
        };
    }

    /** To register on the command bus: hands the noted events over after the root unit of work commits. */
    public MessageHandlerInterceptor<CommandMessage<?>> commandHandlerInterceptor() {
        return (unitOfWork, chain) -> {
            if (unitOfWork.parent().isEmpty()) {
                String commandId = unitOfWork.getMessage().getIdentifier();
                unitOfWork.afterCommit(committed -> {
                    List<AppendedEvent> appended = committed.getOrDefaultResource(RESOURCE, List.of());
                    byCommand.computeIfPresent(commandId, (id, pending) -> List.copyOf(appended));
                });
            }
            return chain.proceed();
        };
    }
}
