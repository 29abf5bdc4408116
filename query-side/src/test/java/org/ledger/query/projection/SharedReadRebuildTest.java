package org.ledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rebuild's shared read, on Axon's in-memory event store and token store with real tracking processors: every
 * projection gets every event once and in order from one read of the store, a chunk that fails once is tried again,
 * a projection whose chunk keeps failing goes on by itself from its last stored token, and each processor is running
 * again afterwards.
 */
class SharedReadRebuildTest {

    private static final int EVENTS = 2_500;
    private static final int CHUNK = 1_000;

    /** Counts the events read from the store, by anyone. */
    private final AtomicLong eventsRead = new AtomicLong();
    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine() {
        @Override
        public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken token, boolean mayBlock) {
            return super.readEvents(token, mayBlock).peek(event -> eventsRead.incrementAndGet());
        }
    };
    private EmbeddedEventStore store;
    private final InMemoryTokenStore tokens = new InMemoryTokenStore();
    private final List<TrackingEventProcessor> processors = new ArrayList<>();
    private final Set<String> handedBack = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void store() {
        store = EmbeddedEventStore.builder().storageEngine(engine).build();
        publish(0, EVENTS);
    }

    @AfterEach
    void stop() {
        processors.forEach(TrackingEventProcessor::shutDown);
        store.shutDown();
    }

    @Test
    void everyProjectionGetsEveryEventOnceInOrderFromOneReadAndItsProcessorGoesOnAfterwards() {
        Recording a = new Recording();
        Recording b = new Recording();
        TrackingEventProcessor first = processor("a", a, false);
        TrackingEventProcessor second = processor("b", b, false);
        catchUpThenReset(first, second);

        List<TrackingEventProcessor> left = rebuild().take(List.of(first, second), handedBack::add);
        publish(EVENTS, 100); // commands go on during a rebuild
        await(() -> handedBack.containsAll(Set.of("a", "b")));
        await(() -> a.size() == EVENTS + 100 && b.size() == EVENTS + 100);

        assertThat(left).isEmpty();
        assertThat(a.received()).containsExactlyElementsOf(range(0, EVENTS + 100));
        assertThat(b.received()).containsExactlyElementsOf(range(0, EVENTS + 100));
        assertThat(first.isRunning()).isTrue();
        assertThat(second.isRunning()).isTrue();
        // Each processor alone would have read the whole store: 2 × 2,600 events.
        assertThat(eventsRead.get()).as("events read from the store by the rebuild").isLessThan(EVENTS + EVENTS / 2);

        publish(EVENTS + 100, 1);
        await(() -> a.size() == EVENTS + 101 && b.size() == EVENTS + 101);
    }

    @Test
    void aRebuildAskedForBehindTheHeadReadsOnToTheHeadAndItsLedgerIsWholeOncePastItsResetPosition() {
        Recording a = new Recording();
        Recording b = new Recording();
        TrackingEventProcessor first = processor("a", a, false);
        TrackingEventProcessor second = processor("b", b, false);
        catchUpThenReset(first, second); // reset at event 2,499
        publish(EVENTS, 2 * CHUNK + 500); // the store goes on to 4,999, as during a first catch-up
        SharedReadRebuild rebuild = rebuild();
        // What the ledger's endpoints ask before they answer (503 while rebuilding).
        EventProcessingConfiguration processing = mock(EventProcessingConfiguration.class);
        doReturn(Optional.of(first)).when(processing).eventProcessor("a", StreamingEventProcessor.class);
        ProjectionStatus status = new ProjectionStatus(processing, rebuild);
        Map<Integer, Boolean> wholeWhileHandling = new ConcurrentHashMap<>();
        a.onEvent(payload -> {
            if (payload == 1_500 || payload == 3_500) {
                wholeWhileHandling.put(payload, rebuild.holds("a") && !status.isRebuilding("a"));
            }
        });

        rebuild.take(List.of(first, second), handedBack::add);
        await(() -> handedBack.containsAll(Set.of("a", "b")));
        int total = EVENTS + 2 * CHUNK + 500;
        await(() -> a.size() == total && b.size() == total);

        assertThat(a.received()).containsExactlyElementsOf(range(0, total));
        assertThat(b.received()).containsExactlyElementsOf(range(0, total));
        assertThat(a.threadsOf(0, total)).as("past the reset position too: in the shared read")
                .allMatch(thread -> thread.startsWith("projection-rebuild-worker-"));
        assertThat(wholeWhileHandling).as("rebuilt once past the reset position (2,499), still held by the read")
                .containsEntry(1_500, false).containsEntry(3_500, true);
        assertThat(rebuild.pastReset("a")).as("handed back: no longer the shared read's").isFalse();
        assertThat(eventsRead.get()).as("events read from the store by the rebuild").isLessThan(total + total / 2);
    }

    @Test
    void aChunkThatFailsOnceIsTriedAgainAndItsEventsAreHandledOnce() {
        Recording steady = new Recording();
        Recording flaky = new Recording();
        TrackingEventProcessor first = processor("steady", steady, true);
        TrackingEventProcessor second = processor("flaky", flaky, true);
        catchUpThenReset(first, second);
        flaky.failOnceAt(1_500);

        rebuild().take(List.of(first, second), handedBack::add);
        await(() -> handedBack.containsAll(Set.of("steady", "flaky")));
        await(() -> flaky.size() == EVENTS && steady.size() == EVENTS);

        assertThat(flaky.callsAtFailure()).as("failed, then handled in the chunk's second try").isEqualTo(2);
        assertThat(flaky.received()).containsExactlyElementsOf(range(0, EVENTS));
        assertThat(steady.received()).containsExactlyElementsOf(range(0, EVENTS));
        assertThat(flaky.threadsOf(1_000, EVENTS)).as("the failed chunk and the ones after it: in the shared read")
                .allMatch(thread -> thread.startsWith("projection-rebuild-worker-"));
    }

    @Test
    void aProjectionWhoseChunkKeepsFailingGoesOnByItselfFromItsLastStoredToken() {
        Recording steady = new Recording();
        Recording broken = new Recording();
        TrackingEventProcessor first = processor("steady", steady, true);
        TrackingEventProcessor second = processor("broken", broken, true);
        catchUpThenReset(first, second);
        broken.failAlwaysAt(1_500);

        rebuild().take(List.of(first, second), handedBack::add);
        await(() -> handedBack.contains("broken"));
        // Its own processor, started again from the token of the last chunk that committed (event 999), handles
        // the events up to the failing one one batch after the other, then stops there and retries.
        await(() -> broken.size() == 1_500);
        await(() -> handedBack.contains("steady") && steady.size() == EVENTS);

        assertThat(second.isRunning()).isTrue();
        assertThat(broken.received()).containsExactlyElementsOf(range(0, 1_500));
        assertThat(broken.threadsOf(0, 1_000)).allMatch(thread -> thread.startsWith("projection-rebuild-worker-"));
        assertThat(broken.threadsOf(1_000, 1_500)).as("from the failed chunk on: its own processor's thread")
                .allMatch(thread -> thread.startsWith("EventProcessor[broken]"));
        // twice in the shared read, then again by its own processor
        assertThat(broken.callsAtFailure()).isGreaterThanOrEqualTo(3);
        assertThat(steady.received()).containsExactlyElementsOf(range(0, EVENTS));
    }

    @Test
    void aProcessorWithMoreThanOneSegmentIsLeftToItsOwnReplay() {
        Recording split = new Recording();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("split")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(split).build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forParallelProcessing(2)
                        .andInitialSegmentsCount(2))
                .build();
        processors.add(processor);
        catchUpThenReset(processor);

        List<TrackingEventProcessor> left = rebuild().take(List.of(processor), handedBack::add);

        assertThat(left).containsExactly(processor);
        assertThat(handedBack).isEmpty();
    }

    private SharedReadRebuild rebuild() {
        return new SharedReadRebuild(store, tokens, NoTransactionManager.INSTANCE, CHUNK, 2);
    }

    /** Lets the processors project the store once, then shuts them down and resets their tokens, as a rebuild does. */
    private void catchUpThenReset(TrackingEventProcessor... toReset) {
        for (TrackingEventProcessor processor : toReset) {
            processor.start();
        }
        await(() -> Stream.of(toReset).allMatch(p -> !p.processingStatus().isEmpty() && p.processingStatus()
                .values().stream().allMatch(s -> s.getCurrentPosition().orElse(-1) >= EVENTS - 1)));
        for (TrackingEventProcessor processor : toReset) {
            processor.shutDown();
            processor.resetTokens();
        }
        eventsRead.set(0);
    }

    /** A one-segment processor over {@code handler}; {@code propagate}: a failing handler fails its batch. */
    private TrackingEventProcessor processor(String name, Object handler, boolean propagate) {
        SimpleEventHandlerInvoker.Builder<?> invoker = SimpleEventHandlerInvoker.builder().eventHandlers(handler);
        if (propagate) {
            invoker.listenerInvocationErrorHandler(PropagatingErrorHandler.instance());
        }
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(name)
                .eventHandlerInvoker(invoker.build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(50))
                .build();
        processors.add(processor);
        return processor;
    }

    private void publish(int from, int count) {
        store.publish(IntStream.range(from, from + count).mapToObj(GenericEventMessage::asEventMessage).toList());
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /**
     * A projection that keeps the payloads of the batches that committed, as a database would: what a failed batch
     * handled before it failed is not kept.
     */
    static final class Recording {

        private final List<Integer> received = Collections.synchronizedList(new ArrayList<>());
        private final AtomicLong callsAtFailure = new AtomicLong();
        /** The thread that last handled each payload. */
        private final Map<Integer, String> threads = new ConcurrentHashMap<>();
        /** This projection's batch in a unit of work's resources. */
        private final String key = "recording-" + System.identityHashCode(this);
        private volatile int failAt = -1;
        private volatile boolean failForever;
        private volatile IntConsumer onEvent = payload -> { };

        void failOnceAt(int payload) {
            failAt = payload;
            failForever = false;
        }

        /** Called with each payload before it is handled. */
        void onEvent(IntConsumer probe) {
            onEvent = probe;
        }

        void failAlwaysAt(int payload) {
            failAt = payload;
            failForever = true;
        }

        @EventHandler
        void on(Integer payload) {
            onEvent.accept(payload);
            if (payload == failAt && (callsAtFailure.incrementAndGet() == 1 || failForever)) {
                throw new IllegalStateException("projection failed at " + payload);
            }
            threads.put(payload, Thread.currentThread().getName());
            UnitOfWork<?> batch = CurrentUnitOfWork.get();
            batch.getOrComputeResource(key, k -> {
                List<Integer> handled = new ArrayList<>();
                batch.onCommit(committed -> received.addAll(handled));
                return handled;
            }).add(payload);
        }

        @ResetHandler
        void reset() {
            received.clear();
        }

        int size() {
            return received.size();
        }

        List<Integer> received() {
            synchronized (received) {
                return List.copyOf(received);
            }
        }

        /** The threads that handled the payloads in [from, to). */
        Set<String> threadsOf(int from, int to) {
            return IntStream.range(from, to).mapToObj(threads::get).collect(Collectors.toSet());
        }

        /** How often the handler was called with the payload it fails at. */
        long callsAtFailure() {
            return callsAtFailure.get();
        }
    }
}
