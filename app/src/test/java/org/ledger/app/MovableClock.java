package org.ledger.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test sets or moves, in the organisation's zone: installed as the application's {@code Clock} bean, it
 * moves "today" for the commands, the ledgers' date judgements and db-scheduler's deadlines alike.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MovableClock(Instant start, ZoneId zone) {
        this.now = new AtomicReference<>(start);
        this.zone = zone;
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    public void advanceDays(int days) {
        now.updateAndGet(instant -> instant.plus(Duration.ofDays(days)));
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId otherZone) {
        return Clock.fixed(now.get(), otherZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
