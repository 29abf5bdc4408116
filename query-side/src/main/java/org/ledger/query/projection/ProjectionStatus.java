package org.ledger.query.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.ledger.query.support.ProjectionNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Whether each projection is being rebuilt, and the rebuild itself: shut the streaming processor down, reset
 * its tokens (Axon calls the projection's {@code @ResetHandler}, which clears its tables) and start it again,
 * so it replays the event store from the beginning.
 *
 * <p>A projection counts as rebuilding from the moment its rebuild is asked until every local segment has left
 * its replay token: between the reset and the first claim the processor has no segment to show, and
 * {@code isReplaying()} alone would report the emptied ledger as ready. Only this node's processors are
 * observed; with several query nodes each answers for the segments it holds.
 *
 * <p>The reset handlers empty their tables with {@code TRUNCATE}, not {@code DELETE}: H2 deletes row by row through
 * every index (the benchmark, issue 9, saw 20 s of a rebuild over 51,000 events go to the deletes, more than the
 * replay of a third of the store), while a truncate drops the table's contents at once, on PostgreSQL too. On
 * PostgreSQL it is part of the reset's transaction. H2 commits a truncate on its own, so the reset's transaction is
 * cut in two there: the tables are empty before the replay tokens are stored. If the process died in between (a
 * window of milliseconds) the ledger would stay empty at its old position until the next rebuild; a projection is
 * derived data, and asking for the rebuild again restores it.
 */
@Component
public class ProjectionStatus {

    private static final Logger log = LoggerFactory.getLogger(ProjectionStatus.class);
    /** A rebuild still waiting for its processors to stop after this long logs their threads (SlowStops). */
    private static final Duration STOP_REPORT_EVERY = Duration.ofSeconds(30);

    /** The word that rebuilds every projection of {@link RebuildableProjections}. */
    public static final String ALL = "all";

    private final EventProcessingConfiguration processing;
    private final SharedReadRebuild sharedRead;
    private final Set<String> requested = ConcurrentHashMap.newKeySet();
    /**
     * Groups whose rebuild request is still stopping, resetting or starting their processor. Until the processor has
     * been started again, "running with tokens and not replaying" only means the stop has not happened yet: a read
     * let through then would wait for the reset's {@code TRUNCATE} lock (PostgreSQL) until its statement timeout.
     */
    private final Set<String> resetting = ConcurrentHashMap.newKeySet();

    public ProjectionStatus(EventProcessingConfiguration processing, SharedReadRebuild sharedRead) {
        this.processing = processing;
        this.sharedRead = sharedRead;
    }

    /** True while the projection replays: its endpoints must not serve its half-built rows. */
    public boolean isRebuilding(String group) {
        Optional<StreamingEventProcessor> found = processor(group);
        if (found.isEmpty()) {
            return false;
        }
        if (sharedRead.holds(group)) {
            // its processor is stopped while the shared read replays it
            return !sharedRead.pastReset(group);
        }
        if (resetting.contains(group)) {
            return true;
        }
        StreamingEventProcessor processor = found.get();
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        boolean replaying = status.values().stream().anyMatch(s -> replaying(s.getTrackingToken()));
        if (replaying) {
            return true;
        }
        if (!requested.contains(group)) {
            return false;
        }
        if (!processor.isRunning() || status.isEmpty()
                || status.values().stream().anyMatch(s -> s.getTrackingToken() == null)) {
            return true;
        }
        requested.remove(group);
        return false;
    }

    /**
     * Whether a segment has still to replay events it had handled before the reset. Not
     * {@code processor.isReplaying()}: Axon keeps the replay token until an event <em>beyond</em> the reset
     * position arrives, so on a quiet system a finished rebuild would count as replaying until the next write.
     */
    static boolean replaying(TrackingToken token) {
        Optional<ReplayToken> replay = WrappedToken.unwrap(token, ReplayToken.class);
        if (replay.isEmpty()) {
            return false;
        }
        OptionalLong reset = replay.get().getTokenAtReset() == null ? OptionalLong.empty()
                : replay.get().getTokenAtReset().position();
        if (reset.isEmpty()) {
            return false;
        }
        TrackingToken current = replay.get().getCurrentToken();
        OptionalLong position = current == null ? OptionalLong.empty() : current.position();
        return position.isEmpty() || position.getAsLong() < reset.getAsLong();
    }

    public List<ProcessorState> processors() {
        List<ProcessorState> states = new ArrayList<>();
        processing.eventProcessors().forEach((name, p) -> {
            if (p instanceof StreamingEventProcessor streaming && rebuildable(name)) {
                states.add(state(name, streaming));
            }
        });
        states.sort(Comparator.comparing(ProcessorState::name));
        return states;
    }

    /**
     * Rebuilds the named projection, or with {@code all} every projection of {@link RebuildableProjections}
     * (never the integrity chain, which must be named). Answers the groups being rebuilt; the replay itself runs
     * in the background.
     */
    public synchronized List<String> rebuild(String name) {
        List<String> groups;
        if (ALL.equals(name)) {
            groups = RebuildableProjections.PATHS.keySet().stream().sorted().toList();
        } else if (rebuildable(name)) {
            groups = List.of(name);
        } else {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No rebuildable projection '" + name
                    + "'; known: " + String.join(", ", knownNames()) + ", or " + ALL);
        }
        // First stop every named processor, then reset them all, then start them all: a reset clears the
        // projection's tables, and resetting one while those already reset replay beside it made it wait for the CPU
        // (the benchmark saw the request take over a minute at 100,000 events, 33 s for one reset).
        // They stop together: each waits for its current batch to commit, one after the other took seconds.
        // A shared read still bringing processors to the head hands them back first: started, then stopped below.
        sharedRead.finishRunning();
        List<StreamingEventProcessor> stopped = new ArrayList<>();
        Map<String, CompletableFuture<Void>> stopping = new LinkedHashMap<>();
        for (String group : groups) {
            StreamingEventProcessor processor = processor(group).orElse(null);
            if (processor == null) {
                continue; // not run on this node
            }
            resetting.add(group);
            requested.add(group);
            log.warn("Rebuilding projection {}: resetting its tokens and replaying the event store", group);
            stopping.put(group, processor.shutdownAsync());
            stopped.add(processor);
        }
        List<StreamingEventProcessor> startHere = stopped;
        try {
            SlowStops.await(stopping, STOP_REPORT_EVERY);
            stopped.forEach(StreamingEventProcessor::resetTokens);
            // Reset: the tracking processors replay from one read of the store (SharedReadRebuild), each started
            // again when it is back at the head; the ones it cannot take replay on their own, as before.
            startHere = new ArrayList<>(stopped);
            List<TrackingEventProcessor> tracking = new ArrayList<>();
            for (StreamingEventProcessor processor : stopped) {
                if (processor instanceof TrackingEventProcessor t) {
                    tracking.add(t);
                }
            }
            startHere.removeAll(tracking);
            startHere.addAll(sharedRead.take(tracking, resetting::remove));
        } finally {
            try {
                startHere.forEach(StreamingEventProcessor::start);
            } finally {
                // a processor that failed to start counts as being rebuilt through requested (not running)
                startHere.forEach(processor -> resetting.remove(processor.getName()));
            }
        }
        return List.copyOf(stopping.keySet());
    }

    private static boolean rebuildable(String name) {
        return RebuildableProjections.PATHS.containsKey(name) || ProjectionNames.INTEGRITY_CHAIN.equals(name);
    }

    private static List<String> knownNames() {
        List<String> names = new ArrayList<>(RebuildableProjections.PATHS.keySet());
        names.add(ProjectionNames.INTEGRITY_CHAIN);
        names.sort(Comparator.naturalOrder());
        return names;
    }

    private Optional<StreamingEventProcessor> processor(String group) {
        return processing.eventProcessor(group, StreamingEventProcessor.class);
    }

    private ProcessorState state(String name, StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        Long position = null;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong current = segment.getCurrentPosition();
            if (current.isPresent() && (position == null || current.getAsLong() < position)) {
                position = current.getAsLong();
            }
        }
        if (status.isEmpty()) {
            // held by the shared read of a rebuild: its processor is stopped meanwhile
            OptionalLong shared = sharedRead.position(name);
            if (shared.isPresent()) {
                position = shared.getAsLong();
            }
        }
        boolean error = status.values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return new ProcessorState(name, processor.isRunning(), isRebuilding(name), status.size(), position, error,
                RebuildableProjections.PATHS.containsKey(name));
    }
}
