package dev.pilot.discovery.spi;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How long a failing loop waits before it tries again: exponential from {@code first} up to
 * {@code max}, with "equal jitter" (half the step fixed, half random), so that loops that failed
 * together do not retry together and no wait is ever close to zero. Not thread-safe: one per loop.
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private final RandomGenerator random;
    private int failures;

    /** A backoff with its own random source. */
    public Backoff(Duration first, Duration max) {
        this(first, max, new SplittableRandom());
    }

    public Backoff(Duration first, Duration max, RandomGenerator random) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff: expected 0 < first <= max, got " + first + " and " + max);
        }
        this.first = first;
        this.max = max;
        this.random = random;
    }

    /** The wait before the next attempt, after one more failure. */
    public Duration next() {
        long ceiling = ceilingMillis(failures++);
        long half = ceiling / 2;
        return Duration.ofMillis(ceiling - half + random.nextLong(half + 1));
    }

    /** After a success: the next failure waits about {@code first} again. */
    public void reset() {
        failures = 0;
    }

    private long ceilingMillis(int step) {
        long ceiling = first.toMillis();
        for (int i = 0; i < step && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, max.toMillis());
    }
}
