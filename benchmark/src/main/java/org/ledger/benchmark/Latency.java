package org.ledger.benchmark;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies and counts of one workload, recorded by many threads at once. HdrHistogram keeps p50/p99 exact to three
 * significant digits without keeping every sample; {@link Recorder} lets threads record without locking.
 */
final class Latency {

    /** Longest latency kept exactly: anything above is clamped (a minute is far beyond any target). */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final String name;
    private final Recorder recorder = new Recorder(HIGHEST_MICROS, 3);
    private final Histogram total = new Histogram(HIGHEST_MICROS, 3);
    private final LongAdder errors = new LongAdder();
    private long startNanos = System.nanoTime();
    private long elapsedNanos = -1;

    Latency(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Starts the clock for the throughput: the time between {@link #start()} and {@link #stop()}. */
    Latency start() {
        startNanos = System.nanoTime();
        elapsedNanos = -1;
        return this;
    }

    void stop() {
        elapsedNanos = System.nanoTime() - startNanos;
    }

    /** One successful operation that took {@code nanos}. */
    void record(long nanos) {
        recorder.recordValue(Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000)));
    }

    /** One operation that failed (non-2xx, or no answer); not in the latencies. */
    void error() {
        errors.increment();
    }

    long errors() {
        return errors.sum();
    }

    /** A snapshot of everything recorded so far. */
    synchronized Row row() {
        total.add(recorder.getIntervalHistogram());
        long elapsed = elapsedNanos >= 0 ? elapsedNanos : System.nanoTime() - startNanos;
        long count = total.getTotalCount();
        double perSecond = elapsed <= 0 ? 0 : count * 1e9 / elapsed;
        return new Row(name, count, perSecond, total.getValueAtPercentile(50) / 1000.0,
                total.getValueAtPercentile(99) / 1000.0, total.getMaxValue() / 1000.0, errors.sum());
    }

    /** One line of the result table: latencies in milliseconds. */
    record Row(String workload, long count, double perSecond, double p50Millis, double p99Millis, double maxMillis,
               long errors) {
    }
}
