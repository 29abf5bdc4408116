package org.ledger.app.limits;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per user name (Bucket4j): {@code burst} writes at once, refilled smoothly at {@code rate} per
 * {@code period}. The buckets live in this node's memory: with several nodes behind a load balancer each node
 * counts on its own, so a user may write up to n times the rate across n nodes.
 *
 * <p>Memory stays bounded without a cache library: a bucket that has refilled completely holds nothing a new
 * bucket would not, so every {@link #PRUNE_EVERY} the full ones are dropped; only users who wrote within the last
 * {@code burst / rate} periods keep one. A write racing the pruning of its own bucket may land in the dropped bucket
 * and go uncounted: at most one write per pruning, which a limit against runaway scripts can afford.
 */
public class WriteRateLimiter {

    /** How often full buckets are dropped. */
    static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final LimitsProperties.Writes writes;
    private final TimeMeter time;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextPrune;

    public WriteRateLimiter(LimitsProperties.Writes writes, TimeMeter time) {
        this.writes = writes;
        this.time = time;
        this.nextPrune = new AtomicLong(time.currentTimeNanos() + PRUNE_EVERY.toNanos());
    }

    /** The outcome of one write: allowed, or refused with the seconds until the next token. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
    }

    /** Takes one token from {@code user}'s bucket. */
    public Decision tryWrite(String user) {
        pruneIfDue();
        ConsumptionProbe probe = buckets.computeIfAbsent(user, name -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return new Decision(true, 0);
        }
        long nanos = probe.getNanosToWaitForRefill();
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return new Decision(false, seconds);
    }

    /** How many users hold a bucket now (for the tests of the pruning). */
    int bucketCount() {
        return buckets.size();
    }

    /** Drops every bucket that has refilled completely. */
    void prune() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= writes.burst());
    }

    private void pruneIfDue() {
        long now = time.currentTimeNanos();
        long due = nextPrune.get();
        if (now - due >= 0 && nextPrune.compareAndSet(due, now + PRUNE_EVERY.toNanos())) {
            prune();
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(writes.burst()).refillGreedy(writes.rate(), writes.period()))
                .withCustomTimePrecision(time)
                .build();
    }
}
