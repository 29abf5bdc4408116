package org.ledger.app.consistency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.ledger.command.support.AppendedEvent;
import org.ledger.command.support.ReadYourWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes against the local streaming event processors (DESIGN.md §4).
 *
 * <p>Finds the global indexes of the appended events in {@code domain_event_entry} (one query), then waits
 * until every segment of every local {@link StreamingEventProcessor} has a tracking token that covers each
 * of them (see {@link #covers}). A pooled processor advances a segment's status only in its unit of work's
 * {@code afterCommit}, after the projection's transaction (which also stores the token) has committed, so once the status
 * covers an index the projection's rows are visible to any new transaction.
 *
 * <p>The wait is bounded ({@code ledger.read-your-writes.timeout}, default 5s). A processor with no locally
 * claimed segment (another node holds them, or the node runs no query side for it) cannot be observed: the
 * wait then times out and answers false; the write is durable regardless.
 */
@Component
public class ProcessorReadYourWrites implements ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ProcessorReadYourWrites.class);
    private static final long POLL_NANOS = Duration.ofMillis(1).toNanos();

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration timeout;

    public ProcessorReadYourWrites(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                                   @Value("${ledger.read-your-writes.timeout:5s}") Duration timeout) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.timeout = timeout;
    }

    @Override
    public boolean await(Collection<AppendedEvent> appended) {
        if (appended == null || appended.isEmpty()) {
            return true;
        }
        // Only streaming processors lag behind; subscribing ones ran in the command's own transaction.
        List<StreamingEventProcessor> streaming = new ArrayList<>();
        processing.eventProcessors().values().forEach(p -> {
            if (p instanceof StreamingEventProcessor s) {
                streaming.add(s);
            }
        });
        if (streaming.isEmpty()) {
            return true;
        }
        List<Long> targets = globalIndexes(appended);
        if (targets.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StreamingEventProcessor> pending = new ArrayList<>(streaming);
        while (true) {
            pending.removeIf(processor -> caughtUp(processor, targets));
            if (pending.isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                log.warn("Read-your-writes timed out after {}: processors {} have not yet handled events {}",
                        timeout, pending.stream().map(StreamingEventProcessor::getName).toList(), appended);
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
        }
    }

    /** True when the processor has at least one local segment and every local segment covers every index. */
    private static boolean caughtUp(StreamingEventProcessor processor, List<Long> indexes) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus segment : status.values()) {
            TrackingToken token = segment.getTrackingToken();
            if (token == null || segment.isErrorState()) {
                return false;
            }
            for (long index : indexes) {
                if (!covers(token, index)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the token has handled the event at {@code index}.
     *
     * <p>Not {@code token.covers(GapAwareTrackingToken.newInstance(index, emptySet()))}: that also demands the
     * token have no gap below {@code index}, and gaps are normal (a rolled-back append, such as a refused
     * duplicate create, consumes a sequence value for ever; Axon forgets such gaps only after its gap timeout,
     * a minute by default), so the wait would time out although the event was handled. The event is handled
     * when the token is at or past it and it is not one of the token's gaps. Replay and merge tokens are
     * judged by their lower bound: the position every part of the segment has reached.
     */
    static boolean covers(TrackingToken token, long index) {
        TrackingToken lower = WrappedToken.unwrapLowerBound(token);
        if (lower instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= index && !gapAware.getGaps().contains(index);
        }
        if (lower == null) {
            return false;
        }
        OptionalLong position = lower.position();
        return position.isPresent() && position.getAsLong() >= index;
    }

    private List<Long> globalIndexes(Collection<AppendedEvent> appended) {
        StringBuilder sql = new StringBuilder(
                "select global_index from domain_event_entry where ");
        List<Object> args = new ArrayList<>();
        boolean first = true;
        for (AppendedEvent event : appended) {
            if (!first) {
                sql.append(" or ");
            }
            sql.append("(aggregate_identifier = ? and sequence_number = ?)");
            args.add(event.aggregateId());
            args.add(event.sequenceNumber());
            first = false;
        }
        return jdbc.queryForList(sql.toString(), Long.class, args.toArray());
    }
}
