package org.ledger.app.deadletter;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

/**
 * The projections' dead letters: what they are, retrying them, evicting them. Works on the shared database, so any
 * node answers for all nodes' letters; a retry runs the projection's handlers on the node that was asked.
 */
@Component("projectionDeadLetters") // "deadLetters" names the health component
public class DeadLetters {

    private final EventProcessingConfiguration processing;
    private final DeadLetteredGroups groups;
    private final JdbcTemplate jdbc;

    DeadLetters(EventProcessingConfiguration processing, DeadLetteredGroups groups, JdbcTemplate jdbc) {
        this.processing = processing;
        this.groups = groups;
        this.jdbc = jdbc;
    }

    /** One dead-lettered event. */
    @Schema(description = "An event a projection could not apply (or that waits behind one of its sequence)")
    public record Letter(
            @Schema(description = "Processing group", example = "issue-ledger") String group,
            @Schema(description = "Sequence: the aggregate id, or the projection's name for the one-sequence ones",
                    example = "issue-2024-001") String sequenceIdentifier,
            @Schema(description = "Place in the sequence (increasing, not necessarily from 0)", example = "0")
            long indexInSequence,
            @Schema(description = "Event identifier; evicts this letter",
                    example = "4f7c2a9e-8d1b-4c3a-9e55-0b6a1d2c3e4f") String eventId,
            @Schema(description = "Event type", example = "IssueRegistered") String eventType,
            @Schema(description = "Aggregate of the event", example = "issue-2024-001") String aggregateId,
            @Schema(description = "Sequence number of the event in its aggregate", example = "0")
            Long aggregateSequence,
            @Schema(description = "Global index in the event store, when known", example = "1234") Long globalIndex,
            @Schema(description = "Exception type of the failure; none for a letter that only queued behind one",
                    example = "org.springframework.dao.DataIntegrityViolationException") String causeType,
            @Schema(description = "Exception message (at most 1024 characters)",
                    example = "could not execute statement") String causeMessage,
            @Schema(description = "When it was dead-lettered", example = "2024-05-06T07:08:09Z") Instant enqueuedAt,
            @Schema(description = "When it was last enqueued or retried", example = "2024-05-06T08:00:00Z")
            Instant lastTouched,
            @Schema(description = "Failed retries since it was dead-lettered", example = "0") int retries) {
    }

    /** What one retry of a group did. */
    @Schema(description = "What a retry did")
    public record RetryOutcome(
            @Schema(description = "Processing group", example = "issue-ledger") String group,
            @Schema(description = "Sequences retried", example = "1") int sequences,
            @Schema(description = "Letters applied and removed from the queue", example = "2") long handled,
            @Schema(description = "Letters still in the retried sequences: a failure again, and those behind it",
                    example = "0") long stillFailing) {
    }

    /** Letters per dead-lettered group (0 for a group without any), from one query: the health check asks often. */
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        groups.names().forEach(group -> counts.put(group, 0L));
        jdbc.query("select processing_group, count(*) from dead_letter_entry group by processing_group", row -> {
            String group = row.getString(1);
            if (counts.containsKey(group)) {
                counts.put(group, row.getLong(2));
            }
        });
        return counts;
    }

    /** The group's letters, sequence by sequence, each sequence in the order its events must be applied. */
    public List<Letter> list(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<Letter> letters = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                letters.add(describe(group, letter));
            }
        }
        return letters;
    }

    /**
     * Retries every sequence of the group once: each sequence from its first letter on, until all its letters are
     * handled or one fails again (that one and the letters after it stay, with one more retry counted).
     */
    public RetryOutcome retry(String group) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> notDeadLettered(group));
        List<String> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> first : sequence) {
                sequences.add(jpa(first).getSequenceIdentifier());
                break;
            }
        }
        long handled = 0;
        long stillFailing = 0;
        for (String sequence : sequences) {
            long before = queue.sequenceSize(sequence);
            processor.process(first -> sequence.equals(jpa(first).getSequenceIdentifier()));
            long after = queue.sequenceSize(sequence);
            handled += Math.max(0, before - after);
            stillFailing += after;
        }
        return new RetryOutcome(group, sequences.size(), handled, stillFailing);
    }

    /** Drops one letter: the projection never applies that event (until a rebuild replays it). */
    @Transactional
    public Letter evictLetter(String group, String eventId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getIdentifier().equals(eventId)) {
                    Letter evicted = describe(group, letter);
                    queue.evict(letter);
                    return evicted;
                }
            }
        }
        throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No dead letter of event '" + eventId + "' in " + group);
    }

    /** Drops a whole sequence; answers how many letters it had. */
    @Transactional
    public int evictSequence(String group, String sequenceIdentifier) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        List<DeadLetter<? extends EventMessage<?>>> letters = new ArrayList<>();
        if (queue.contains(sequenceIdentifier)) {
            queue.deadLetterSequence(sequenceIdentifier).forEach(letters::add);
        }
        if (letters.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "No dead-letter sequence '" + sequenceIdentifier + "' in " + group);
        }
        letters.forEach(queue::evict);
        return letters.size();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        if (!groups.contains(group)) {
            throw notDeadLettered(group);
        }
        return processing.deadLetterQueue(group).orElseThrow(() -> notDeadLettered(group));
    }

    private ResponseStatusException notDeadLettered(String group) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No dead-letter queue for '" + group
                + "'; projections with one: " + String.join(", ", groups.names()));
    }

    /** Letters of the JPA queue know their sequence and place in it; every queue here is one (application.yml). */
    private static JpaDeadLetter<?> jpa(DeadLetter<?> letter) {
        if (letter instanceof JpaDeadLetter<?> jpa) {
            return jpa;
        }
        throw new IllegalStateException("Dead letters are expected in the JPA queue, got " + letter.getClass());
    }

    private static Letter describe(String group, DeadLetter<? extends EventMessage<?>> letter) {
        JpaDeadLetter<?> stored = jpa(letter);
        EventMessage<?> event = letter.message();
        String aggregateId = null;
        Long aggregateSequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            aggregateSequence = domain.getSequenceNumber();
        }
        Long globalIndex = null;
        if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            OptionalLong position = tracked.trackingToken().position();
            globalIndex = position.isPresent() ? position.getAsLong() : null;
        }
        Cause cause = letter.cause().orElse(null);
        Object retries = letter.diagnostics().get(DeadLetterConfiguration.RETRIES);
        return new Letter(group, stored.getSequenceIdentifier(), stored.getIndex(), event.getIdentifier(),
                event.getPayloadType().getSimpleName(), aggregateId, aggregateSequence, globalIndex,
                cause == null ? null : cause.type(), cause == null ? null : cause.message(), letter.enqueuedAt(),
                letter.lastTouched(), retries instanceof Number n ? n.intValue() : 0);
    }
}
