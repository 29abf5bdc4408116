package org.ledger.command.support;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.ledger.kernel.MetadataKeys;

/**
 * The one way controllers send commands: attaches who and why as metadata (DESIGN.md §3), sends, waits until
 * the ledgers show the result (read-your-writes), and answers the addressed aggregate's new version.
 */
public class CommandSender {

    private final CommandGateway gateway;
    private final RequestContext context;
    private final AppendedEventsRecorder recorder;
    private final ReadYourWrites readYourWrites;

    public CommandSender(CommandGateway gateway, RequestContext context, AppendedEventsRecorder recorder,
                         ReadYourWrites readYourWrites) {
        this.gateway = gateway;
        this.context = context;
        this.recorder = recorder;
        this.readYourWrites = readYourWrites;
    }

    /**
     * Sends a command addressed to one aggregate.
     *
     * @param command     the command record
     * @param aggregateId the id of the aggregate it addresses (the one whose version the answer carries)
     * @param reason      the actor's reason, stored with every event; null or blank when none was given
     */
    public Accepted send(Object command, String aggregateId, String reason) {
        List<AppendedEvent> appended = sendWithoutWaiting(command, reason);
        readYourWrites.await(appended);
        long version = appended.stream()
                .filter(event -> event.aggregateId().equals(aggregateId))
                .mapToLong(AppendedEvent::sequenceNumber)
                .max()
                .orElse(-1L);
        return new Accepted(aggregateId, version);
    }

    /**
     * Sends a command without waiting for the ledgers to show it, for bulk loads (the demo data set) that wait
     * once at the end with {@link #awaitLedgers}.
     *
     * @return the events the command appended
     */
    public List<AppendedEvent> sendWithoutWaiting(Object command, String reason) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(metadata(reason));
        recorder.expect(message.getIdentifier());
        try {
            gateway.sendAndWait(message);
        } catch (RuntimeException | Error failure) {
            // a refused command appended nothing; take its entry so that it leaves nothing behind
            recorder.take(message.getIdentifier());
            throw failure;
        }
        return recorder.take(message.getIdentifier());
    }

    /** Waits (bounded) until the ledgers show the given events. */
    public boolean awaitLedgers(Collection<AppendedEvent> appended) {
        return readYourWrites.await(appended);
    }

    private MetaData metadata(String reason) {
        Actor actor = context.actor();
        MetaData metaData = MetaData.with(MetadataKeys.USER, actor.user())
                .and(MetadataKeys.ROLES, String.join(",", new TreeSet<>(actor.roles())))
                .and(MetadataKeys.CORRELATION_ID, context.correlationId());
        if (actor.unit() != null) {
            metaData = metaData.and(MetadataKeys.UNIT, actor.unit());
        }
        if (reason != null && !reason.isBlank()) {
            metaData = metaData.and(MetadataKeys.REASON, reason);
        }
        return metaData;
    }
}
