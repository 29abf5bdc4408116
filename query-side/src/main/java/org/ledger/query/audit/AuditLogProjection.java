package org.ledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.ledger.kernel.MetadataKeys;
import org.ledger.query.support.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit log (DESIGN.md §4): one row per stored event with who, for which unit, why and in which request,
 * so that "everything user X did last month" is an index range scan, not a scan of the event store.
 *
 * <p>Plain JDBC rather than JPA: rows are written once and never changed, and the insert ignores an event
 * already recorded (a redelivery after a crash between the batch and its token), keyed by the event id.
 */
@Component
@ProcessingGroup(ProjectionNames.AUDIT_LOG)
public class AuditLogProjection {

    private static final String COLUMNS = "insert into audit_log (global_index, event_id, aggregate_type, "
            + "aggregate_id, sequence_number, event_type, time_stamp, user_name, unit_id, reason, correlation_id, "
            + "payload) ";

    /**
     * The row at a position read from the store before it ({@link StoredEvent#positionHint}), unless recorded
     * already: lookups by primary key only, in the order the events arrive. Not one statement that checks the stored
     * identifier in its {@code WHERE}: H2 then finds the row through the identifier's index, the random lookup this
     * avoids.
     */
    private static final String INSERT_AT = COLUMNS + "select ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
            + "where not exists (select 1 from audit_log where global_index = ?)";

    /**
     * The row with the event's position found by its identifier (unique and indexed) in the same statement: for an
     * event without a position and one whose token names another row. Not the token's position unchecked: under a
     * tracking processor's batches two different events were seen to arrive with the same token position, and the
     * second was then lost to a duplicate key.
     */
    private static final String INSERT = COLUMNS + "select e.global_index, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? "
            + "from domain_event_entry e where e.event_identifier = ? "
            + "and not exists (select 1 from audit_log where event_id = ?)";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public AuditLogProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    public void on(EventMessage<?> event) throws JsonProcessingException {
        String aggregateType = null;
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = domain.getType();
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        Object[] row = {event.getIdentifier(), aggregateType, aggregateId, sequence, EventHistory.eventName(event),
                Timestamp.from(event.getTimestamp()), EventHistory.metadata(event, MetadataKeys.USER),
                EventHistory.metadata(event, MetadataKeys.UNIT), EventHistory.metadata(event, MetadataKeys.REASON),
                EventHistory.metadata(event, MetadataKeys.CORRELATION_ID), json.writeValueAsString(event.getPayload())};
        OptionalLong hint = StoredEvent.positionHint(event);
        if (hint.isPresent() && storedAt(hint.getAsLong(), event)) {
            long index = hint.getAsLong();
            jdbc.update(INSERT_AT, arguments(new Object[] {index}, row, new Object[] {index})); // nothing inserted: recorded already
            return;
        }
        int inserted = jdbc.update(INSERT,
                arguments(row, new Object[] {event.getIdentifier(), event.getIdentifier()}));
        if (inserted == 0 && !stored(event)) {
            throw new IllegalStateException("Event " + event.getIdentifier() + " is not in the event store");
        }
    }

    /** The insert's arguments: the parts one after the other. */
    private static Object[] arguments(Object[]... parts) {
        List<Object> arguments = new ArrayList<>();
        for (Object[] part : parts) {
            arguments.addAll(Arrays.asList(part));
        }
        return arguments.toArray();
    }

    /** Whether the event stored at {@code position} is this one (by primary key). */
    private boolean storedAt(long position, EventMessage<?> event) {
        List<String> stored = jdbc.queryForList("select event_identifier from domain_event_entry "
                + "where global_index = ?", String.class, position);
        return !stored.isEmpty() && stored.get(0).equals(event.getIdentifier());
    }

    /** Whether the event is in the store (nothing inserted: it is recorded already, or not stored at all). */
    private boolean stored(EventMessage<?> event) {
        return !jdbc.queryForList("select global_index from domain_event_entry where event_identifier = ?",
                Long.class, event.getIdentifier()).isEmpty();
    }

    @ResetHandler
    public void reset() {
        jdbc.update("truncate table audit_log"); // not DELETE: ProjectionStatus explains why
    }
}
