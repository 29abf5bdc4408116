package org.ledger.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.ledger.query.access.ReadScope;
import org.ledger.query.access.ReadScopes;
import org.ledger.query.support.BoundedRead;
import org.ledger.query.support.PageAnswer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Pages of the audit log, newest first, each filter an indexed predicate. */
@Component
public class AuditLogQueries {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final ReadScopes scopes;

    public AuditLogQueries(JdbcTemplate jdbc, ObjectMapper json, ReadScopes scopes) {
        this.jdbc = jdbc;
        this.json = json;
        this.scopes = scopes;
    }

    @BoundedRead
    public PageAnswer<AuditLogEntry> list(AuditLogFilter filter, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (filter.user() != null) {
            where.append(" and user_name = ?");
            args.add(filter.user());
        }
        if (filter.unit() != null) {
            where.append(" and unit_id = ?");
            args.add(filter.unit());
        }
        // Read access (DESIGN.md §6): an event is visible when the unit it was recorded for (the actor's unit in
        // its metadata) is in scope; events without a unit (start-up, maintenance) only to readers of everything.
        ReadScope scope = scopes.current();
        if (!scope.all()) {
            if (scope.units().isEmpty()) {
                where.append(" and 1 = 0");
            } else {
                where.append(" and unit_id in (").append(String.join(", ",
                        java.util.Collections.nCopies(scope.units().size(), "?"))).append(")");
                args.addAll(scope.units());
            }
        }
        if (filter.types() != null && !filter.types().isEmpty()) {
            where.append(" and event_type in (").append(String.join(", ",
                    java.util.Collections.nCopies(filter.types().size(), "?"))).append(")");
            args.addAll(filter.types());
        }
        if (filter.from() != null) {
            where.append(" and time_stamp >= ?");
            args.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            where.append(" and time_stamp < ?");
            args.add(Timestamp.from(filter.to()));
        }
        if (filter.aggregateId() != null) {
            where.append(" and aggregate_id = ?");
            args.add(filter.aggregateId());
        }
        Long total = jdbc.queryForObject("select count(*) from audit_log" + where, Long.class, args.toArray());
        long totalElements = total == null ? 0 : total;
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<AuditLogEntry> content = jdbc.query("select * from audit_log" + where
                + " order by time_stamp desc, global_index desc limit ? offset ?", this::entry, pageArgs.toArray());
        int totalPages = (int) ((totalElements + size - 1) / size);
        return new PageAnswer<>(content, new PageAnswer.PageMetadata(size, page, totalElements, totalPages));
    }

    private AuditLogEntry entry(ResultSet rs, int row) throws SQLException {
        long sequence = rs.getLong("sequence_number");
        Long sequenceNumber = rs.wasNull() ? null : sequence;
        return new AuditLogEntry(rs.getLong("global_index"), rs.getString("event_id"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"), sequenceNumber,
                rs.getString("event_type"), rs.getTimestamp("time_stamp").toInstant(), rs.getString("user_name"),
                rs.getString("unit_id"), rs.getString("reason"), rs.getString("correlation_id"),
                payload(rs.getString("payload")));
    }

    private JsonNode payload(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(text);
        }
    }
}
