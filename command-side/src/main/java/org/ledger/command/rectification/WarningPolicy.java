package org.ledger.command.rectification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ledger.kernel.rectification.WarningLevel;

/**
 * When a rectification item's warnings are due (预警): the early GREEN notice {@code noticeDays} before the effective
 * deadline, YELLOW {@code yellowDays} before it, RED (overdue) on the day after it, because the deadline day itself is
 * still in time (the ledger's {@code overdue} is "deadline before today" too). A warning is due at the start of its
 * day in the organisation's zone ({@code ledger.zone}).
 *
 * <p>A Spring bean that the aggregate receives as a handler parameter: pure computation on dates (no clock, no I/O),
 * so the aggregate stays deterministic and fixture tests pass their own policy.
 */
public final class WarningPolicy {

    /** The name of every warning deadline of a rectification item (cancelled together within the item's scope). */
    public static final String DEADLINE_NAME = "rectification-warning";

    private final int noticeDays;
    private final int yellowDays;
    private final ZoneId zone;

    public WarningPolicy(int noticeDays, int yellowDays, ZoneId zone) {
        if (yellowDays < 0 || noticeDays < yellowDays) {
            throw new IllegalArgumentException("need 0 <= yellow-days <= notice-days, got yellow-days " + yellowDays
                    + ", notice-days " + noticeDays);
        }
        this.noticeDays = noticeDays;
        this.yellowDays = yellowDays;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public int noticeDays() {
        return noticeDays;
    }

    public int yellowDays() {
        return yellowDays;
    }

    public ZoneId zone() {
        return zone;
    }

    /** A warning to schedule: its payload and the instant it is due. */
    public record Scheduled(WarningDue warning, Instant at) {
    }

    /**
     * The warnings to schedule for {@code deadline}, least severe first. {@code knownToday} is the latest date the item
     * has heard of (from its own events; never a clock): a warning whose more severe successor is already due on that
     * day is left out, so that an item planned five days before its deadline gets YELLOW and no stale
     * "20 days left" notice. Warnings whose moment has passed are still scheduled: the scheduler fires them at once.
     */
    public List<Scheduled> warningsFor(LocalDate deadline, LocalDate knownToday) {
        List<Scheduled> all = List.of(
                scheduled(WarningLevel.GREEN, deadline, deadline.minusDays(noticeDays), noticeDays),
                scheduled(WarningLevel.YELLOW, deadline, deadline.minusDays(yellowDays), yellowDays),
                scheduled(WarningLevel.RED, deadline, deadline.plusDays(1), -1));
        List<Scheduled> wanted = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            boolean superseded = false;
            for (int j = i + 1; j < all.size(); j++) {
                superseded |= knownToday != null && !dayOf(all.get(j)).isAfter(knownToday);
            }
            if (!superseded) {
                wanted.add(all.get(i));
            }
        }
        return wanted;
    }

    /** The instant a warning due on {@code day} fires: the start of that day in the organisation's zone. */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    private LocalDate dayOf(Scheduled scheduled) {
        return LocalDate.ofInstant(scheduled.at(), zone);
    }

    private Scheduled scheduled(WarningLevel level, LocalDate deadline, LocalDate day, int daysLeft) {
        return new Scheduled(new WarningDue(level, deadline, daysLeft), startOf(day));
    }
}
