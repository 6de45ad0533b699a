package dev.pilot.bench;

import java.util.Arrays;

/**
 * The summary of a latency sample, in milliseconds: the figures the benchmark tables report.
 * Percentiles are nearest-rank (p99 of 200 samples is the 198th smallest), so every figure is a
 * latency that was actually observed.
 */
public record Distribution(int count, double minMs, double p50Ms, double p99Ms, double maxMs) {

    public Distribution {
        if (count < 0) {
            throw new IllegalArgumentException("count: expected >= 0, got " + count);
        }
    }

    /** Summarizes latencies given in nanoseconds. */
    public static Distribution ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new Distribution(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Distribution(sorted.length, millis(sorted[0]), millis(percentile(sorted, 50)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]));
    }

    /** The nearest-rank percentile {@code p} (0–100] of a sorted, non-empty sample. */
    public static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
