package org.ledger.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event store as it is on disk ({@code domain_event_entry}), read over JDBC: which events each request caused
 * (by the correlation id the client sent as {@code X-Correlation-Id}, which every event of the request carries in its
 * metadata), and whether each aggregate's stream is gap-free. Works on H2 and PostgreSQL alike (metadata is read as
 * the stored JSON bytes).
 */
final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One stored event: its aggregate, sequence number, event name (simple class name) and correlation id. */
    record Event(String aggregateId, long sequence, String type, String correlationId) {
    }

    /** One request a test sent: its correlation id, what it should append where, and its answer (-1: no answer). */
    record Sent(String correlationId, String aggregateId, String eventType, int status) {

        static final int NO_ANSWER = -1;

        boolean accepted() {
            return status / 100 == 2;
        }

        boolean refused() {
            return status / 100 == 4;
        }
    }

    private final List<Event> events;

    private StoredEvents(List<Event> events) {
        this.events = events;
    }

    static StoredEvents read(JdbcTemplate jdbc) {
        return new StoredEvents(jdbc.query("select aggregate_identifier, sequence_number, payload_type, meta_data "
                + "from domain_event_entry order by global_index", (row, n) -> {
                    String payloadType = row.getString(3);
                    String type = payloadType.substring(Math.max(payloadType.lastIndexOf('$'),
                            payloadType.lastIndexOf('.')) + 1);
                    return new Event(row.getString(1), row.getLong(2), type, correlationId(row.getBytes(4)));
                }));
    }

    private static String correlationId(byte[] metaData) {
        try {
            JsonNode node = JSON.readTree(metaData).get("correlationId");
            return node == null ? null : node.asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Event> of(String aggregateId) {
        return events.stream().filter(e -> e.aggregateId().equals(aggregateId))
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).toList();
    }

    /** Every aggregate's sequence numbers are 0, 1, 2, … without a hole or a repeat. */
    void assertEveryStreamGapFree() {
        Map<String, List<Long>> streams = new TreeMap<>();
        events.forEach(e -> streams.computeIfAbsent(e.aggregateId(), k -> new ArrayList<>()).add(e.sequence()));
        streams.forEach((aggregate, sequence) -> {
            List<Long> sorted = sequence.stream().sorted().toList();
            for (int i = 0; i < sorted.size(); i++) {
                assertThat(sorted.get(i)).as("stream of " + aggregate + " " + sorted).isEqualTo(i);
            }
        });
    }

    /**
     * Exactly once: a request answered 2xx appended its event exactly once, a request answered 4xx appended nothing,
     * a request whose answer was lost (connection died with the process) appended its event at most once; and no
     * request appended the same kind of event to the same aggregate twice.
     */
    void assertExactlyOnce(List<Sent> sent) {
        Map<String, List<Event>> byCorrelation = new HashMap<>();
        events.forEach(e -> byCorrelation.computeIfAbsent(String.valueOf(e.correlationId()), k -> new ArrayList<>())
                .add(e));
        for (Sent request : sent) {
            List<Event> caused = byCorrelation.getOrDefault(request.correlationId(), List.of());
            long expected = caused.stream().filter(e -> e.aggregateId().equals(request.aggregateId())
                    && e.type().equals(request.eventType())).count();
            String what = request + " caused " + caused;
            if (request.accepted()) {
                assertThat(expected).as(what).isEqualTo(1);
            } else if (request.refused()) {
                assertThat(caused).as(what).isEmpty();
            } else {
                assertThat(expected).as(what).isLessThanOrEqualTo(1);
            }
            assertThat(caused.stream().map(e -> e.aggregateId() + "/" + e.type()).distinct().count())
                    .as(what).isEqualTo(caused.size());
        }
    }
}
