package dev.pilot.discovery.tck;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * A condition that must hold at every look for a whole stretch of time. Unlike Awaitility's
 * {@code during(...).atMost(...)}, which starts its window again after a false look and so
 * forgives a flap that recovers before the deadline, the first false look fails.
 */
public final class Throughout {

    /** How often the condition is looked at. */
    public static final Duration LOOK_EVERY = Duration.ofMillis(50);

    private Throughout() {}

    /**
     * Looks at {@code condition} every {@link #LOOK_EVERY} for {@code length}, the last look at
     * the end; fails at the first look that is false or throws.
     */
    public static void holds(String what, Duration length, Callable<Boolean> condition) {
        long start = System.nanoTime();
        long end = start + length.toNanos();
        int looks = 0;
        while (true) {
            long now = System.nanoTime();
            boolean last = now >= end;
            looks++;
            boolean held;
            try {
                held = condition.call();
            } catch (Exception e) {
                throw new AssertionError(what + ": look " + looks + " failed after "
                        + Duration.ofNanos(now - start).toMillis() + " ms of " + length.toMillis() + " ms: " + e, e);
            }
            if (!held) {
                fail("%s: false at look %d, after %d ms of %d ms", what, looks,
                        Duration.ofNanos(now - start).toMillis(), length.toMillis());
            }
            if (last) {
                return;
            }
            pause(Math.min(LOOK_EVERY.toNanos(), end - System.nanoTime()));
        }
    }

    private static void pause(long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(nanos); // the pace of the looks, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while watching a condition", e);
        }
    }
}
