package org.ledger.query.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Rebuilds several projections from one read of the event store instead of one read each.
 *
 * <p>Why: a rebuild resets the tokens of every projection's tracking processor, and each processor then reads the
 * whole store on its own thread — ten reads of every event, each with its own fetch, its own deserialization of the
 * payload and meta data, its own transaction and token update per batch of 50. A profile of a rebuild of 106,154
 * events (issue 9) put the processors that write for few of those events at 23 µs of CPU per event each, all of it
 * reading, and a good part of the writing processors' time in the same reading.
 *
 * <p>How: once the processors are shut down and their tokens reset, this class claims their one segment each, opens
 * one stream over the store and cuts it into chunks of {@code ledger.projections.rebuild.chunk-size} events. Each
 * chunk is given to every processor at once, on {@code ledger.projections.rebuild.threads} worker threads, and a
 * processor handles its events of the chunk exactly as its own thread would handle a batch: the events its handlers
 * can handle (its invoker decides), in one {@link BatchingUnitOfWork} with one transaction, through the processor's
 * own handler interceptors — among them the processor's own token interceptor, which stores the chunk's last token
 * in that transaction — and its own invoker, dead-letter queue included. The tokens are advanced as the processor's
 * stream advances them ({@link ReplayToken#advancedTo}), so a projection is "rebuilding" in the same sense, and its
 * stored token after each chunk is the one its processor would have stored. The events of a chunk are the same
 * message objects for every processor, so each payload is deserialized once. The next chunk is read while the
 * workers handle this one.
 *
 * <p>The read goes on to the head of the store, past the positions the processors had at the reset (a rebuild
 * asked for during a first catch-up would otherwise leave the rest of the store to ten reads again); a projection
 * past its reset position counts as rebuilt ({@link #pastReset}) and its ledger answers again. Once every processor
 * is past its reset position and a chunk comes back short (the head), each processor is started again and goes on
 * from its stored token with the events that came since: commands keep being answered during a rebuild.
 *
 * <p>A processor whose chunk fails is treated as its own thread would treat a failed batch: the chunk is tried
 * once more on the same thread (a dead-lettered projection then handles it with a
 * transaction per event, so that the failing event is dead-lettered and the rest goes on,
 * {@code IsolateEventsAfterFailedBatch}); if it fails again the processor is started at once and goes on from its
 * last stored token itself, with Axon's retries and back-off. A processor this class cannot take — more than one
 * segment, a segment claimed elsewhere, a token not at the start — is left to its own replay, as before.
 *
 * <p>Not reported during a shared read: the processors' Micrometer meters (events handled, latency), which Axon's
 * message monitors feed from the processor's own thread only.
 */
@Component
public class SharedReadRebuild implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SharedReadRebuild.class);

    private final EventStore store;
    private final TokenStore tokenStore;
    private final TransactionManager transactions;
    private final int chunkSize;
    private final int threads;

    private final Object lock = new Object();
    /** The shared read in progress, if any; guarded by {@link #lock}. */
    private Run running;
    private volatile boolean shuttingDown;

    public SharedReadRebuild(EventStore store, TokenStore tokenStore,
                             TransactionManager transactions,
                             @Value("${ledger.projections.rebuild.chunk-size:500}") int chunkSize,
                             @Value("${ledger.projections.rebuild.threads:2}") int threads) {
        this.store = store;
        this.tokenStore = tokenStore;
        this.transactions = transactions;
        this.chunkSize = Math.max(1, chunkSize);
        this.threads = Math.max(1, threads);
    }

    /**
     * Takes the replay of those of {@code processors} it can: each must be shut down, its tokens just reset. Answers
     * the ones it did not take, which the caller starts itself. {@code handedBack} is called with a taken processor's
     * name once it has been started again (or when shutdown left it stopped). Ends a shared read still in progress
     * first ({@link #finishRunning}).
     */
    public List<TrackingEventProcessor> take(Collection<TrackingEventProcessor> processors,
                                             Consumer<String> handedBack) {
        finishRunning();
        List<Target> taken = new ArrayList<>();
        List<TrackingEventProcessor> left = new ArrayList<>();
        if (shuttingDown) {
            left.addAll(processors);
            return left;
        }
        for (TrackingEventProcessor processor : processors) {
            Claimed claimed = claimAtStart(processor.getName());
            if (claimed == null) {
                left.add(processor);
            } else {
                taken.add(new Target(processor, claimed.token()));
            }
        }
        if (taken.isEmpty()) {
            return left;
        }
        Run run = new Run(taken, handedBack);
        synchronized (lock) {
            running = run;
        }
        Thread coordinator = new Thread(run, "projection-rebuild");
        coordinator.setDaemon(true);
        coordinator.start();
        return left;
    }

    /** Whether a shared read holds the processor of {@code group} (it is shut down meanwhile). */
    public boolean holds(String group) {
        synchronized (lock) {
            return running != null && running.positions.containsKey(group);
        }
    }

    /**
     * Whether a shared read holds {@code group} and has brought it past the position it had at the reset: its ledger
     * is whole again, only behind, as a processor catching up is.
     */
    public boolean pastReset(String group) {
        synchronized (lock) {
            return running != null && running.past.contains(group);
        }
    }

    /** The position a shared read has brought {@code group} to, if it holds it and has handled a chunk. */
    public OptionalLong position(String group) {
        Long position;
        synchronized (lock) {
            position = running == null ? null : running.positions.get(group);
        }
        return position == null || position < 0 ? OptionalLong.empty() : OptionalLong.of(position);
    }

    /** Ends a shared read in progress after its current chunk; its processors are started from their stored tokens. */
    public void finishRunning() {
        Run run;
        synchronized (lock) {
            run = running;
        }
        if (run != null) {
            run.finish();
        }
    }

    /** A segment claimed for a shared read, with its token (null: the processor had none at the reset). */
    private record Claimed(TrackingToken token) {
    }

    /**
     * Claims the processor's one segment for this node, if the processor's reset left it at the start of the stream
     * (no token, or a replay token that has not advanced yet); otherwise null, and the claim is left alone.
     */
    private Claimed claimAtStart(String name) {
        try {
            return transactions.fetchInTransaction(() -> {
                int[] segments = tokenStore.fetchSegments(name);
                if (segments.length != 1 || segments[0] != Segment.ROOT_SEGMENT.getSegmentId()) {
                    log.info("Projection {} is replayed by its own processor: it has {} segments", name,
                            segments.length);
                    return null;
                }
                TrackingToken token = tokenStore.fetchToken(name, Segment.ROOT_SEGMENT.getSegmentId());
                if (WrappedToken.unwrapLowerBound(token) != null) {
                    tokenStore.releaseClaim(name, Segment.ROOT_SEGMENT.getSegmentId());
                    log.info("Projection {} is replayed by its own processor: its token is not at the start", name);
                    return null;
                }
                return new Claimed(token);
            });
        } catch (UnableToClaimTokenException claimedElsewhere) {
            log.info("Projection {} is replayed by its own processor: its segment is claimed elsewhere", name);
            return null;
        } catch (RuntimeException e) {
            log.warn("Projection {} is replayed by its own processor: its token could not be claimed", name, e);
            return null;
        }
    }

    // --- Spring lifecycle: a shutdown ends the shared read without starting the processors ------------------------

    @Override
    public void start() {
        shuttingDown = false;
    }

    @Override
    public boolean isRunning() {
        return !shuttingDown;
    }

    /** Waits for the current chunk; the processors keep their stored tokens and replay from there after a restart. */
    @Override
    public void stop() {
        shuttingDown = true;
        finishRunning();
    }

    /** Stops among the first, before Axon's processors and the data source. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** One processor in a shared read. */
    private final class Target {

        private final TrackingEventProcessor processor;
        private final String name;
        private final String segmentKey;
        private final String tokenKey;
        /** The token after the last chunk handled, as the processor's own stream would have advanced it. */
        private TrackingToken token;

        Target(TrackingEventProcessor processor, TrackingToken start) {
            this.processor = processor;
            this.name = processor.getName();
            // The unit-of-work resources the processor's own token interceptor reads (TrackingEventProcessor).
            this.segmentKey = "Processor[" + name + "]/SegmentId";
            this.tokenKey = "Processor[" + name + "]/Token";
            this.token = start;
        }

        /** Whether its stream has passed the position it had at the reset (its token no longer a replay token). */
        boolean pastReset() {
            return token != null && !(token instanceof ReplayToken);
        }

        /** Handles the chunk as the processor's thread would handle a batch; tried twice on this thread. */
        void handle(List<TrackedEventMessage<?>> chunk) throws Exception {
            TrackingToken last = token;
            List<TrackedEventMessage<?>> batch = new ArrayList<>();
            Segment segment = Segment.ROOT_SEGMENT;
            for (TrackedEventMessage<?> event : chunk) {
                TrackedEventMessage<?> message = event;
                if (last instanceof WrappedToken wrapped) {
                    message = event.withTrackingToken(wrapped.advancedTo(event.trackingToken()));
                }
                last = message.trackingToken();
                if (processor.eventHandlerInvoker().canHandle(message, segment)) {
                    batch.add(message);
                }
            }
            TrackingToken chunkEnd = last;
            if (batch.isEmpty()) {
                transactions.executeInTransaction(
                        () -> tokenStore.storeToken(chunkEnd, name, segment.getSegmentId()));
            } else {
                Throwable failed = handleInUnitOfWork(batch, chunkEnd);
                if (failed != null) {
                    log.warn("Projection {}: a chunk of the shared read failed ({}); trying it once more", name,
                            failed.toString());
                    failed = handleInUnitOfWork(batch, chunkEnd);
                }
                if (failed != null) {
                    throw new ChunkFailed(failed);
                }
            }
            token = chunkEnd;
        }

        /** Axon's {@code AbstractEventProcessor.processInUnitOfWork}, with the processor's parts; the failure or null. */
        private Throwable handleInUnitOfWork(List<TrackedEventMessage<?>> batch, TrackingToken chunkEnd)
                throws Exception {
            BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            unitOfWork.attachTransaction(transactions);
            unitOfWork.resources().put(segmentKey, Segment.ROOT_SEGMENT.getSegmentId());
            unitOfWork.resources().put(tokenKey, chunkEnd);
            ResultMessage<?> result = unitOfWork.executeWithResult(
                    () -> new DefaultInterceptorChain<EventMessage<?>>(unitOfWork, processor.getHandlerInterceptors(),
                            message -> {
                                processor.eventHandlerInvoker().handle(message, Segment.ROOT_SEGMENT);
                                return null;
                            }).proceed(),
                    RollbackConfigurationType.ANY_THROWABLE);
            return result.isExceptional() && unitOfWork.isRolledBack() ? result.exceptionResult() : null;
        }

        long position() {
            OptionalLong position = token == null ? OptionalLong.empty() : token.position();
            return position.orElse(-1);
        }
    }

    /** A chunk that failed twice for one processor. */
    private static final class ChunkFailed extends Exception {
        ChunkFailed(Throwable cause) {
            super(cause);
        }
    }

    /** One shared read: a coordinator thread that reads chunks and waits for the workers. */
    private final class Run implements Runnable {

        private final List<Target> targets;
        private final Consumer<String> handedBack;
        /** Position per held group (-1: none yet); read by {@link #position}. */
        private final Map<String, Long> positions = new ConcurrentHashMap<>();
        /** The held groups whose stream has passed the position they had at the reset; read by {@link #pastReset}. */
        private final Set<String> past = ConcurrentHashMap.newKeySet();
        private volatile boolean finishing;
        private final Object done = new Object();
        private boolean over;

        Run(List<Target> targets, Consumer<String> handedBack) {
            this.targets = new ArrayList<>(targets);
            this.handedBack = handedBack;
            targets.forEach(target -> positions.put(target.name, target.position()));
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            long events = 0;
            AtomicInteger worker = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(threads, task -> {
                Thread thread = new Thread(task, "projection-rebuild-worker-" + worker.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            log.warn("Rebuilding projections {} from one read of the event store ({} events a chunk, {} threads)",
                    targets.stream().map(target -> target.name).toList(), chunkSize, threads);
            try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
                List<TrackedEventMessage<?>> chunk = read(stream);
                while (!chunk.isEmpty() && !finishing && !targets.isEmpty()) {
                    List<TrackedEventMessage<?>> current = chunk;
                    List<Future<?>> handling = new ArrayList<>();
                    for (Target target : targets) {
                        handling.add(workers.submit(() -> {
                            target.handle(current);
                            return null;
                        }));
                    }
                    chunk = read(stream);
                    events += current.size();
                    for (int i = handling.size() - 1; i >= 0; i--) {
                        Target target = targets.get(i);
                        if (!completed(handling.get(i), target)) {
                            targets.remove(i);
                            handBack(target);
                        } else {
                            positions.put(target.name, target.position());
                            if (target.pastReset()) {
                                past.add(target.name);
                            }
                        }
                    }
                    // Read on to the head, not only to the reset positions: a rebuild asked for while the
                    // processors were still catching up (a first start over a large store) would otherwise leave
                    // each of them to read the rest of the store on its own. At the head, the few events of the
                    // next chunk are theirs to handle, as are the ones that follow.
                    if (chunk.size() < chunkSize && targets.stream().allMatch(Target::pastReset)) {
                        break;
                    }
                }
                log.warn("Shared read of the event store: {} events in {} ms for {}", events,
                        (System.nanoTime() - started) / 1_000_000, targets.stream().map(t -> t.name).toList());
            } catch (RuntimeException | InterruptedException e) {
                log.error("The shared read of the event store failed; each processor goes on by itself", e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            } finally {
                workers.shutdown();
                targets.forEach(this::handBack);
                synchronized (lock) {
                    if (running == this) {
                        running = null;
                    }
                }
                synchronized (done) {
                    over = true;
                    done.notifyAll();
                }
            }
        }

        /** The next chunk: up to chunkSize available events, and every later one that shares the last one's token. */
        private List<TrackedEventMessage<?>> read(BlockingStream<TrackedEventMessage<?>> stream)
                throws InterruptedException {
            List<TrackedEventMessage<?>> chunk = new ArrayList<>(chunkSize);
            while (chunk.size() < chunkSize && stream.hasNextAvailable()) {
                chunk.add(stream.nextAvailable());
            }
            // Upcasting may turn one stored event into several with one token: a batch must hold them all.
            while (!chunk.isEmpty() && stream.peek()
                    .filter(next -> next.trackingToken().equals(chunk.get(chunk.size() - 1).trackingToken()))
                    .isPresent()) {
                chunk.add(stream.nextAvailable());
            }
            return chunk;
        }

        private boolean completed(Future<?> handling, Target target) throws InterruptedException {
            try {
                handling.get();
                return true;
            } catch (ExecutionException e) {
                log.error("Projection {} failed in the shared read of the event store twice; its processor goes on "
                        + "from its last stored token by itself", target.name, e.getCause());
                return false;
            }
        }

        /** Starts the processor again (from its stored token), unless the application is shutting down. */
        private void handBack(Target target) {
            positions.remove(target.name);
            past.remove(target.name);
            try {
                if (shuttingDown) {
                    transactions.executeInTransaction(
                            () -> tokenStore.releaseClaim(target.name, Segment.ROOT_SEGMENT.getSegmentId()));
                } else {
                    target.processor.start();
                }
            } catch (RuntimeException e) {
                log.error("Projection {}: could not hand it back to its processor", target.name, e);
            } finally {
                handedBack.accept(target.name);
            }
        }

        /** Asks the coordinator to stop after the current chunk and waits until it has handed every processor back. */
        void finish() {
            finishing = true;
            synchronized (done) {
                while (!over) {
                    try {
                        done.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
