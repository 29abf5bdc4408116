package org.ledger.app.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Meter {@code ledger.token.gaps} (tag {@code processor}): how many gaps the tracking tokens of this node's segments
 * carry. A gap is a global index a processor skipped because its transaction had not committed yet; Axon keeps it
 * until the event shows up or the gap times out. Gaps that pile up over hours mean the token (stored in
 * token_entry with every batch) keeps growing: the benchmark's soak mode (issue 8) watches this. Read-only, from the
 * processors' in-memory status, so it works on H2 too, where the application holds the database file and nothing
 * else can read token_entry.
 */
@Component
class TokenGapMetrics {

    static final String METER = "ledger.token.gaps";

    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;

    TokenGapMetrics(EventProcessingConfiguration processing, MeterRegistry registry) {
        this.processing = processing;
        this.registry = registry;
    }

    /** When ready: the processors are all configured by then (on a command-only node they stay without segments). */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder(METER, streaming, p -> gaps(p.processingStatus().values()))
                        .description("Gaps in the tracking tokens of this node's segments")
                        .tag("processor", name)
                        .register(registry);
            }
        });
    }

    /** The gaps of every segment's token, unwrapping replay tokens; tokens without gaps count none. */
    static long gaps(Collection<EventTrackerStatus> segments) {
        long gaps = 0;
        for (EventTrackerStatus segment : segments) {
            gaps += gaps(segment.getTrackingToken());
        }
        return gaps;
    }

    static long gaps(TrackingToken token) {
        return WrappedToken.unwrap(token, GapAwareTrackingToken.class).map(t -> (long) t.getGaps().size()).orElse(0L);
    }
}
