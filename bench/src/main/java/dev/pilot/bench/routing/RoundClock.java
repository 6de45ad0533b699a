package dev.pilot.bench.routing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** The routing benchmarks' clock (bench-spring, bench-grpc): a millisecond poll, and nanoseconds as milliseconds. */
public final class RoundClock {

    private RoundClock() {}

    /** Polls {@code condition} every millisecond until it holds or {@code limit} passes; whether it held. */
    public static boolean awaitUntil(BooleanSupplier condition, Duration limit) {
        long end = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return true;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return condition.getAsBoolean();
    }

    /** {@code nanos} in milliseconds, rounded to two decimals. */
    public static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
