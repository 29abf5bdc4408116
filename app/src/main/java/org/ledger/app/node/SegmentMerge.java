package org.ledger.app.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.EventProcessorProperties.ProcessorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Merges the segments of a projection whose store was made with more segments than the one it is now configured to
 * start with (issue-ledger 4, task-ledger 4 and audit-log 2 before README's "One segment per projection"), so that an
 * upgraded store reads the event stream once per projection, as a new one does.
 *
 * <p>It uses Axon's own {@link TrackingEventProcessor#mergeSegment}: the processor must hold both segments, and the
 * merged token is Axon's, so no event is skipped and none is handled twice by the projection (the merged segment
 * replays from the lower of the two positions, which the projections skip as already seen). It runs once, after
 * start-up, on a node with the query role, one processor after another, and only while this node holds every
 * segment of the processor and no replay runs: on a node that shares the processor with others, or during a rebuild,
 * it leaves the segments as they are (they are processed correctly either way; the next start tries again).
 */
@Component
class SegmentMerge {

    private static final Logger log = LoggerFactory.getLogger(SegmentMerge.class);

    /**
     * How long one processor may take to be merged down, and one merge at most: after each merge the merged segment
     * is claimed again only on the processor's next look for segments (its token claim interval: 1 s, set in
     * application.yml).
     */
    static final Duration PER_PROCESSOR = Duration.ofMinutes(2);

    private final EventProcessingConfiguration processing;
    private final EventProcessorProperties properties;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final NodeRoles roles;

    SegmentMerge(EventProcessingConfiguration processing, EventProcessorProperties properties, TokenStore tokenStore,
                 TransactionManager transactions, NodeRoles roles) {
        this.processing = processing;
        this.properties = properties;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.roles = roles;
    }

    @EventListener(ApplicationReadyEvent.class)
    void mergeAfterStartUp() {
        if (!roles.query()) {
            return;
        }
        Thread merger = new Thread(() -> properties.getProcessors().forEach((name, settings) -> {
            if (configuredWithOneSegment(settings)) {
                processing.eventProcessor(name, TrackingEventProcessor.class)
                        .ifPresent(processor -> mergeDown(processor, PER_PROCESSOR));
            }
        }), "segment-merge");
        merger.setDaemon(true);
        merger.start();
    }

    /** Merges the processor's segments pairwise until one is left, within {@code timeout}; logs the outcome. */
    private void mergeDown(TrackingEventProcessor processor, Duration timeout) {
        String name = processor.getName();
        Set<Integer> segments = segments(name);
        int before = segments.size();
        Instant deadline = Instant.now().plus(timeout);
        while (segments.size() > 1 && Instant.now().isBefore(deadline) && processor.isRunning()) {
            Map<Integer, EventTrackerStatus> held = processor.processingStatus();
            boolean replaying = held.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            if (held.keySet().containsAll(segments) && !replaying) {
                int segment = held.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
                if (!merged(processor, segment)) {
                    break;
                }
            }
            pause();
            segments = segments(name);
        }
        if (segments.size() <= 1) {
            if (before > 1) {
                log.info("Processor {}: {} segments merged into one", name, before);
            }
            return;
        }
        log.info("Processor {} keeps its {} segments for now (another node holds one, a replay runs, or the merge did "
                + "not finish in {}); they are processed all the same", name, segments.size(), timeout);
    }

    private boolean merged(TrackingEventProcessor processor, int segment) {
        try {
            return processor.mergeSegment(segment).get(PER_PROCESSOR.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            log.warn("Processor {}: merging segment {} failed", processor.getName(), segment, e);
            return false;
        }
    }

    private Set<Integer> segments(String name) {
        int[] segments = transactions.fetchInTransaction(() -> tokenStore.fetchSegments(name));
        return Arrays.stream(segments).boxed().collect(Collectors.toSet());
    }

    private static boolean configuredWithOneSegment(ProcessorSettings settings) {
        return settings.getMode() == EventProcessorProperties.Mode.TRACKING
                && Integer.valueOf(1).equals(settings.getInitialSegmentCount());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
