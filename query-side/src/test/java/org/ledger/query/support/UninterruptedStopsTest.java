package org.ledger.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tracking processor stopped in the middle of a batch: with {@link UninterruptedStops} its worker finishes the
 * batch, even one longer than Axon's own 5 seconds, and is interrupted only after the configured timeout. The
 * processor is registered the way Axon's Spring Boot auto-configuration registers the projections (a name, the event
 * store, a configuration built from properties).
 */
class UninterruptedStopsTest {

    private static final String GROUP = "slow-projection";

    private Configuration axon;

    @AfterEach
    void shutDown() {
        if (axon != null) {
            axon.shutdown();
        }
    }

    @Test
    void aBatchLongerThanAxonsFiveSecondsFinishesAndIsStoredWhenItsProcessorStops() throws Exception {
        Stopped stopped = stopInTheMiddleOfABatch(new UninterruptedStops(Duration.ofMinutes(5)),
                Duration.ofMillis(6_500));

        assertThat(stopped.projection().interrupted).as("the worker was interrupted").isFalse();
        assertThat(stopped.projection().finished).as("the handler ran to its end").isTrue();
        assertThat(stopped.took()).as("the stop waited for the batch").isGreaterThan(Duration.ofSeconds(5));
        TrackingToken token = axon.getComponent(InMemoryTokenStore.class).fetchToken(GROUP, 0);
        assertThat(token.position()).as("the batch committed its token").hasValue(0L);
    }

    @Test
    void aWorkerStuckBeyondTheTimeoutIsInterruptedAfterIt() throws Exception {
        Stopped stopped = stopInTheMiddleOfABatch(new UninterruptedStops(Duration.ofMillis(300)),
                Duration.ofMinutes(1));

        assertThat(stopped.projection().interrupted).isTrue();
        assertThat(stopped.projection().finished).isFalse();
    }

    /** A projection taking {@code batch} over its one event, and how long its processor's stop took. */
    private record Stopped(SlowProjection projection, Duration took) {
    }

    /** Starts a processor, gives it one event and stops it once its handler has begun. */
    private Stopped stopInTheMiddleOfABatch(UninterruptedStops module, Duration batch) throws InterruptedException {
        SlowProjection projection = new SlowProjection(batch);
        TrackingEventProcessor processor = start(module, projection);
        axon.eventBus().publish(GenericEventMessage.asEventMessage("one event"));
        assertThat(projection.began.await(10, TimeUnit.SECONDS)).isTrue();
        long stopping = System.nanoTime();
        processor.shutDown();
        return new Stopped(projection, Duration.ofNanos(System.nanoTime() - stopping));
    }

    private TrackingEventProcessor start(UninterruptedStops module, SlowProjection projection) {
        InMemoryTokenStore tokens = new InMemoryTokenStore();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(InMemoryTokenStore.class, c -> tokens)
                .registerModule(module);
        configurer.eventProcessing()
                .registerTokenStore(c -> tokens)
                .registerTrackingEventProcessor(GROUP, Configuration::eventStore,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(50))
                .registerEventHandler(c -> projection);
        axon = configurer.start();
        return axon.eventProcessingConfiguration().eventProcessor(GROUP, TrackingEventProcessor.class).orElseThrow();
    }

    /** Takes {@code duration} over each event, sleeping, and notes whether it was interrupted. */
    @ProcessingGroup(GROUP)
    static final class SlowProjection {

        private final Duration duration;
        final CountDownLatch began = new CountDownLatch(1);
        volatile boolean interrupted;
        volatile boolean finished;

        SlowProjection(Duration duration) {
            this.duration = duration;
        }

        @EventHandler
        void on(String event) {
            began.countDown();
            try {
                Thread.sleep(duration.toMillis());
                finished = true;
            } catch (InterruptedException e) {
                interrupted = true;
                Thread.currentThread().interrupt();
            }
        }
    }
}
