package dev.pilot.discovery.consul;

import java.time.Duration;

/**
 * A token bucket for one query loop: up to {@code burst} requests at once, then one per
 * {@code interval}. Blocking queries answer at once when their resource changes, so a resource
 * that changes all the time would otherwise be read in a tight loop; the bucket caps that load
 * without delaying the occasional change. Times are {@link System#nanoTime()} values. Not
 * thread-safe.
 */
final class RateLimit {

    private final long intervalNanos;
    private final long toleranceNanos;
    private long theoreticalArrival = Long.MIN_VALUE;

    RateLimit(int burst, Duration interval) {
        if (burst < 1 || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("rate limit: expected burst >= 1 and a positive interval, got "
                    + burst + " and " + interval);
        }
        this.intervalNanos = interval.toNanos();
        this.toleranceNanos = (burst - 1) * intervalNanos;
    }

    /** Takes a token for a request wanted at {@code now}; returns how long to wait before sending it. */
    Duration acquire(long now) {
        long arrival = Math.max(theoreticalArrival, now);
        long wait = Math.max(0, arrival - toleranceNanos - now);
        theoreticalArrival = arrival + intervalNanos;
        return Duration.ofNanos(wait);
    }
}
