package org.ledger.query.support;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingModule;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Axon's event processing module, except that a tracking processor being stopped lets its workers finish their
 * batch for {@code workerTerminationTimeout} before it interrupts them, instead of Axon's 5 seconds.
 *
 * <p>Why: stopping a processor (a rebuild stops every one it resets, a node without the query role stops them all,
 * so does shutting the application down) joins each worker thread for that long and then interrupts it. An interrupt
 * that lands in H2's file I/O closes the file channel and with it the whole embedded database (README, "Generated
 * stores": a rebuild requested while the projections still caught up answered 500 and left H2 closed). On a loaded
 * machine a batch of 50 events has taken longer than 5 seconds; with a long timeout the worker commits its batch and
 * stops by itself, and the interrupt only comes for a worker stuck beyond any batch seen.
 *
 * <p>Axon's Spring Boot auto-configuration builds each tracking processor's configuration from
 * {@code axon.eventhandling.processors.*}, which has no property for this. Every tracking processor, whether
 * registered from those properties or by Axon's default, is built by
 * {@link #trackingEventProcessor(String, EventHandlerInvoker, TrackingEventProcessorConfiguration,
 * StreamableMessageSource)}; only that method is changed here: the configuration Axon built goes on with the
 * timeout set. The auto-configuration uses this module because the application declares one
 * ({@code ProjectionConfiguration}).
 */
public class UninterruptedStops extends EventProcessingModule {

    private final Duration workerTerminationTimeout;

    public UninterruptedStops(Duration workerTerminationTimeout) {
        if (workerTerminationTimeout.isNegative() || workerTerminationTimeout.isZero()) {
            throw new IllegalArgumentException("workerTerminationTimeout must be positive: " + workerTerminationTimeout);
        }
        this.workerTerminationTimeout = workerTerminationTimeout;
    }

    /**
     * The configuration may be Axon's default, shared by the processors built without one of their own; setting the
     * same timeout on it again for each of them changes nothing further.
     */
    @Override
    protected EventProcessor trackingEventProcessor(String name, EventHandlerInvoker handlers,
                                                    TrackingEventProcessorConfiguration configuration,
                                                    StreamableMessageSource<TrackedEventMessage<?>> source) {
        return super.trackingEventProcessor(name, handlers,
                configuration.andWorkerTerminationTimeout(workerTerminationTimeout.toMillis(), TimeUnit.MILLISECONDS),
                source);
    }
}
