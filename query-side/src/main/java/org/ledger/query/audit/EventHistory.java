package org.ledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.ledger.kernel.MetadataKeys;
import org.springframework.stereotype.Component;

/**
 * Reads an aggregate's history from the event store itself, never from a projection: what the auditor sees is
 * what is stored, including the actor, reason and correlation id in each event's metadata.
 */
@Component
public class EventHistory {

    private final EventStore eventStore;
    private final ObjectMapper json;

    public EventHistory(EventStore eventStore, ObjectMapper json) {
        this.eventStore = eventStore;
        this.json = json;
    }

    /**
     * The events of the aggregate from {@code fromSequence} on, or empty when no aggregate of that type has that
     * id (an id of another kind is "not found" too: the kind is part of the resource's name).
     */
    public Optional<List<HistoryEntry>> history(String aggregateType, String aggregateId, long fromSequence) {
        // From sequence 0 (not readEvents(id)) to check the type even when fromSequence skips everything;
        // readEvents(id, n) reads the stored events only, never a snapshot.
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        List<HistoryEntry> entries = new ArrayList<>();
        boolean any = false;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!any) {
                if (!aggregateType.equals(event.getType())) {
                    return Optional.empty();
                }
                any = true;
            }
            if (event.getSequenceNumber() >= fromSequence) {
                entries.add(entry(event));
            }
        }
        return any ? Optional.of(entries) : Optional.empty();
    }

    private HistoryEntry entry(DomainEventMessage<?> event) {
        return new HistoryEntry(event.getSequenceNumber(), event.getTimestamp(), eventName(event),
                event.getIdentifier(), metadata(event, MetadataKeys.USER), metadata(event, MetadataKeys.UNIT),
                metadata(event, MetadataKeys.REASON), metadata(event, MetadataKeys.CORRELATION_ID),
                payload(json, event));
    }

    /** The simple event name: {@code RectificationClosed}, not the nested class's binary name. */
    static String eventName(EventMessage<?> event) {
        return event.getPayloadType().getSimpleName();
    }

    static String metadata(EventMessage<?> event, String key) {
        Map<String, ?> metaData = event.getMetaData();
        Object value = metaData.get(key);
        return value == null ? null : value.toString();
    }

    static JsonNode payload(ObjectMapper json, EventMessage<?> event) {
        return json.valueToTree(event.getPayload());
    }
}
