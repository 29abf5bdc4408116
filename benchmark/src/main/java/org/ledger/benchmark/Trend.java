package org.ledger.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a resource metric sampled over a soak run is bounded or growing. Not start against end (a single late
 * sample can be a GC away from anything): the median of the last third of the samples is compared with the highest
 * sample of the first third. It is "growing" when it lies above that by more than both a relative and an absolute
 * tolerance (heap moves by megabytes, threads by one or two, without meaning anything).
 */
final class Trend {

    /** Fewest samples for a verdict: three per third. */
    static final int MIN_SAMPLES = 9;

    private Trend() {
    }

    static String verdict(List<Double> samples, double relativeTolerance, double absoluteTolerance) {
        double[] values = samples.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).toArray();
        if (values.length < MIN_SAMPLES) {
            return "too few samples (" + values.length + " < " + MIN_SAMPLES + ")";
        }
        int third = values.length / 3;
        double firstMax = Arrays.stream(values, 0, third).max().orElseThrow();
        double[] last = Arrays.copyOfRange(values, values.length - third, values.length);
        Arrays.sort(last);
        double lastMedian = last[last.length / 2];
        double allowed = firstMax + Math.max(Math.abs(firstMax) * relativeTolerance, absoluteTolerance);
        String comparison = String.format(Locale.ROOT, "last third median %s vs first third max %s",
                number(lastMedian), number(firstMax));
        return (lastMedian > allowed ? "GROWING: " : "bounded: ") + comparison;
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
    }
}
