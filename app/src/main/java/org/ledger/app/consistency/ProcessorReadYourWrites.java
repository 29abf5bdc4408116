package org.ledger.app.consistency;

import java.sql.Blob;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.ledger.command.support.AppendedEvent;
import org.ledger.app.node.NodeRoles;
import org.ledger.app.persistence.H2CommitFlush;
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
 * <p>With several nodes, segments this node has not claimed are judged by the tokens their owners stored in
 * {@code token_entry} (stored with each batch's commit, so a covered index is visible there too), read every 20 ms
 * while waiting. The wait is bounded ({@code ledger.read-your-writes.timeout}, default 5s); the write is durable
 * regardless. A node without the query role
 * ({@link NodeRoles}) answers at once.
 */
@Component
public class ProcessorReadYourWrites implements ReadYourWrites {

    private static final Logger log = LoggerFactory.getLogger(ProcessorReadYourWrites.class);
    private static final long POLL_NANOS = Duration.ofMillis(1).toNanos();
    /** How often the stored tokens of segments other nodes hold are read while waiting. */
    private static final long STORE_CHECK_NANOS = Duration.ofMillis(20).toNanos();
    private static final long SEGMENT_COUNT_TTL_NANOS = Duration.ofSeconds(5).toNanos();

    private final Map<String, SegmentCount> segmentCounts = new ConcurrentHashMap<>();

    private final JdbcTemplate jdbc;
    private final H2CommitFlush commitFlush;
    private final EventProcessingConfiguration processing;
    private final Duration timeout;
    private final NodeRoles roles;
    private final Serializer serializer;

    public ProcessorReadYourWrites(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                                   @Value("${ledger.read-your-writes.timeout:5s}") Duration timeout,
                                   NodeRoles roles, Serializer serializer, H2CommitFlush commitFlush) {
        this.jdbc = jdbc;
        this.commitFlush = commitFlush;
        this.processing = processing;
        this.timeout = timeout;
        this.roles = roles;
        this.serializer = serializer;
    }

    @Override
    public boolean await(Collection<AppendedEvent> appended) {
        if (appended == null || appended.isEmpty()) {
            return true;
        }
        // First durable (on H2 a commit may otherwise wait up to 500 ms in memory), then visible.
        commitFlush.flushCommitted();
        // A node without the query role runs no projection (its processors are stopped): nothing local to wait
        // for; the client reads from a query node, which catches up on its own.
        if (!roles.query()) {
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
        long nextStoreCheck = System.nanoTime();
        while (true) {
            boolean checkStore = System.nanoTime() - nextStoreCheck >= 0;
            if (checkStore) {
                nextStoreCheck = System.nanoTime() + STORE_CHECK_NANOS;
            }
            pending.removeIf(processor -> caughtUp(processor, targets, checkStore));
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

    /**
     * True when every segment of the processor covers every index: the segments this node has claimed by their live
     * status; the others (claimed by another node, or by nobody at the moment) by the token stored in
     * {@code token_entry}, read at most every {@link #STORE_CHECK_NANOS}. A processor with no local segment and no
     * stored token yet is not caught up.
     */
    private boolean caughtUp(StreamingEventProcessor processor, List<Long> indexes, boolean checkStore) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        for (EventTrackerStatus segment : status.values()) {
            if (!coversAll(segment.isErrorState() ? null : segment.getTrackingToken(), indexes)) {
                return false;
            }
        }
        if (!status.isEmpty() && status.size() >= segmentCount(processor.getName())) {
            return true;
        }
        // Some segments are not ours: look at the tokens their owners stored.
        if (!checkStore) {
            return false;
        }
        List<Map<String, Object>> stored = jdbc.queryForList(
                "select segment, token, token_type from token_entry where processor_name = ?", processor.getName());
        if (stored.isEmpty()) {
            return false;
        }
        for (Map<String, Object> row : stored) {
            int segment = ((Number) row.get("segment")).intValue();
            if (status.containsKey(segment)) {
                continue;
            }
            if (!coversAll(storedToken(bytes(row.get("token")), (String) row.get("token_type")), indexes)) {
                return false;
            }
        }
        return true;
    }

    /** The processor's number of segments, from token_entry, remembered for a few seconds (splits are rare). */
    private int segmentCount(String processorName) {
        long now = System.nanoTime();
        SegmentCount known = segmentCounts.get(processorName);
        if (known != null && now - known.readAt() < SEGMENT_COUNT_TTL_NANOS) {
            return known.count();
        }
        Integer count = jdbc.queryForObject("select count(*) from token_entry where processor_name = ?",
                Integer.class, processorName);
        int segments = count == null ? 0 : count;
        segmentCounts.put(processorName, new SegmentCount(segments, now));
        return segments;
    }

    private record SegmentCount(int count, long readAt) {
    }

    /** bytea (PostgreSQL) arrives as byte[]; a blob (H2) may arrive as a {@link Blob}. */
    private static byte[] bytes(Object column) {
        if (column instanceof Blob blob) {
            try {
                return blob.getBytes(1, (int) blob.length());
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot read a stored tracking token", e);
            }
        }
        return (byte[]) column;
    }

    private TrackingToken storedToken(byte[] token, String type) {
        if (token == null || type == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    private static boolean coversAll(TrackingToken token, List<Long> indexes) {
        if (token == null) {
            return false;
        }
        for (long index : indexes) {
            if (!covers(token, index)) {
                return false;
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

    /**
     * The global indexes of the appended events: one query per aggregate, over the range of its sequence numbers
     * (an index range scan on the event table's unique key), keeping exactly the appended ones. Not one query with an
     * {@code OR} per event: H2 answers such an {@code OR} by reading the whole event table, which the benchmark found
     * at 60 % of the process's CPU over 100,000 events for commands that append to two aggregates (issue 9).
     */
    private List<Long> globalIndexes(Collection<AppendedEvent> appended) {
        Map<String, TreeSet<Long>> sequencesByAggregate = new LinkedHashMap<>();
        for (AppendedEvent event : appended) {
            sequencesByAggregate.computeIfAbsent(event.aggregateId(), id -> new TreeSet<>()).add(event.sequenceNumber());
        }
        List<Long> indexes = new ArrayList<>();
        sequencesByAggregate.forEach((aggregateId, sequences) ->
            jdbc.query("select sequence_number, global_index from domain_event_entry "
                            + "where aggregate_identifier = ? and sequence_number between ? and ?",
                    row -> {
                        if (sequences.contains(row.getLong(1))) {
                            indexes.add(row.getLong(2));
                        }
                    }, aggregateId, sequences.first(), sequences.last()));
        return indexes;
    }
}
