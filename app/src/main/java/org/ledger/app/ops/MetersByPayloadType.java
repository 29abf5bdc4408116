package org.ledger.app.ops;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/**
 * The meters Axon's {@code MessageTimerMonitor}, {@code MessageCountingMonitor} and
 * {@code EventProcessorLatencyMonitor} keep for an event processor, the command bus or the query bus — the same
 * names, tags and timer settings — looked up once per payload type instead of once per message.
 *
 * <p>Axon's monitors build and register their meters anew for every message they see: four timers, five counters
 * and, for a processor, a latency gauge, each a meter id made from the name and tags and looked up in the registry.
 * Every tracking processor thread sees every event of the store, including the ones its segment or its handlers
 * ignore, so a replay of 102,503 events by the projections' 17 threads made 17 million such registrations. The
 * benchmark (issue 9) found them in a fifth of the samples of a processor that handles none of the events. The
 * first catch-up over that store: 142 s with Axon's monitors, 115 s with this one, 109 s with no meters at all.
 *
 * <p>The meters are found by the message's payload type: the tags Axon gives a processor's or a bus's meters are
 * its name and the payload type's simple name, which one payload type always answers the same way. The tags
 * function is still asked once per payload type, so meters keep whatever tags it gives.
 */
final class MetersByPayloadType implements MessageMonitor<Message<?>> {

    /** As Axon's {@code MessageTimerMonitor} builds its timers. */
    private static final Duration TIMER_EXPIRY = Duration.ofMinutes(10);
    private static final double[] TIMER_PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};

    private final String prefix;
    private final MeterRegistry registry;
    private final Function<Message<?>, Iterable<Tag>> tags;
    /** Tags of the processor's latency gauge; null for a bus, which has none. */
    private final Function<Message<?>, Iterable<Tag>> latencyTags;
    /** The clock Axon's monitors time with. */
    private final Clock clock = Clock.SYSTEM;
    private final ConcurrentMap<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();
    /** One latency value per distinct tag set, as Axon's latency monitor keeps it. */
    private final ConcurrentMap<Tags, AtomicLong> latencies = new ConcurrentHashMap<>();

    private MetersByPayloadType(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags,
                                Function<Message<?>, Iterable<Tag>> latencyTags) {
        this.prefix = prefix;
        this.registry = registry;
        this.tags = tags;
        this.latencyTags = latencyTags;
    }

    /** An event processor's meters: timers, counters and the latency of the last event it saw. */
    static MetersByPayloadType ofProcessor(String prefix, MeterRegistry registry,
                                           Function<Message<?>, Iterable<Tag>> tags,
                                           Function<Message<?>, Iterable<Tag>> latencyTags) {
        return new MetersByPayloadType(prefix, registry, tags, latencyTags);
    }

    /** A command or query bus's meters: timers and counters. */
    static MetersByPayloadType ofBus(String prefix, MeterRegistry registry,
                                     Function<Message<?>, Iterable<Tag>> tags) {
        return new MetersByPayloadType(prefix, registry, tags, null);
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Meters meters = byPayloadType.computeIfAbsent(message.getPayloadType(), type -> register(message));
        meters.ingested.increment();
        if (meters.latency != null && message instanceof EventMessage<?> event) {
            meters.latency.set(clock.wallTime() - event.getTimestamp().toEpochMilli());
        }
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                finished(start, meters.allTimer, meters.successTimer, meters.processed, meters.success);
            }

            @Override
            public void reportFailure(Throwable cause) {
                finished(start, meters.allTimer, meters.failureTimer, meters.processed, meters.failure);
            }

            @Override
            public void reportIgnored() {
                finished(start, meters.allTimer, meters.ignoredTimer, meters.ignored);
            }
        };
    }

    /** Times the message since {@code start} on both timers and counts it on the counters. */
    private void finished(long start, Timer all, Timer outcome, Counter... counters) {
        long nanos = clock.monotonicTime() - start;
        all.record(nanos, TimeUnit.NANOSECONDS);
        outcome.record(nanos, TimeUnit.NANOSECONDS);
        for (Counter counter : counters) {
            counter.increment();
        }
    }

    private Meters register(Message<?> message) {
        Iterable<Tag> messageTags = tags.apply(message);
        return new Meters(timer("allTimer", messageTags), timer("successTimer", messageTags),
                timer("failureTimer", messageTags), timer("ignoredTimer", messageTags),
                counter("ingestedCounter", messageTags), counter("successCounter", messageTags),
                counter("failureCounter", messageTags), counter("processedCounter", messageTags),
                counter("ignoredCounter", messageTags), latencyTags == null ? null : latency(message));
    }

    private Timer timer(String name, Iterable<Tag> messageTags) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(TIMER_EXPIRY)
                .publishPercentiles(TIMER_PERCENTILES)
                .tags(messageTags)
                .register(registry);
    }

    private Counter counter(String name, Iterable<Tag> messageTags) {
        return registry.counter(prefix + "." + name, messageTags);
    }

    private AtomicLong latency(Message<?> message) {
        Tags gaugeTags = Tags.of(latencyTags.apply(message));
        return latencies.computeIfAbsent(gaugeTags, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(prefix + ".latency", value::get).tags(key).register(registry);
            return value;
        });
    }

    private record Meters(Timer allTimer, Timer successTimer, Timer failureTimer, Timer ignoredTimer,
                          Counter ingested, Counter success, Counter failure, Counter processed, Counter ignored,
                          AtomicLong latency) {
    }
}
