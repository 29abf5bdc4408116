package org.ledger.query.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The additive counts behind a statistics row. Every figure of a row is a count or a sum, so the tallies of the
 * units of a subtree add up to the subtree's tally; the rates are formed only at the end, from the sums.
 */
final class Tally {

    long issues;
    long dismissedIssues;
    long items;
    long closed;
    long ongoing;
    long closedOnTimeOriginal;
    long closedOnTimeEffective;
    long overdue;
    long reopened;
    long daysToCloseSum;
    /** Distinct issues of the counted items; only meaningful for a single SQL group (not additive). */
    long distinctIssuesOfItems;

    void addIssues(long notDismissed, long dismissed) {
        issues += notDismissed;
        dismissedIssues += dismissed;
    }

    void addItems(Tally other) {
        items += other.items;
        closed += other.closed;
        ongoing += other.ongoing;
        closedOnTimeOriginal += other.closedOnTimeOriginal;
        closedOnTimeEffective += other.closedOnTimeEffective;
        overdue += other.overdue;
        reopened += other.reopened;
        daysToCloseSum += other.daysToCloseSum;
        distinctIssuesOfItems += other.distinctIssuesOfItems;
    }

    void add(Tally other) {
        addIssues(other.issues, other.dismissedIssues);
        addItems(other);
    }

    StatisticsRow row(String key, String label) {
        return new StatisticsRow(key, label, issues, dismissedIssues, items, closed, ongoing,
                rate(closed, items - ongoing), rate(closedOnTimeOriginal, closed),
                rate(closedOnTimeEffective, closed), overdue, reopened, average(daysToCloseSum, closed));
    }

    /** numerator / denominator with 4 decimal places (half up), or null when the denominator is 0. */
    static BigDecimal rate(long numerator, long denominator) {
        if (denominator <= 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_UP);
    }

    static BigDecimal average(long sum, long count) {
        if (count <= 0) {
            return null;
        }
        return BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP);
    }
}
