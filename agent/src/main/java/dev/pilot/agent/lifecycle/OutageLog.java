package dev.pilot.agent.lifecycle;

import dev.pilot.discovery.spi.ConfigMap;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * What to log about a run of failures of one repeated operation (a service's heartbeats): the
 * first failure, then one summary per {@code summaryEvery} while it keeps failing, then the
 * recovery. Retries stay as frequent as they were; only the log is quiet. Thread-safe.
 */
final class OutageLog {

    static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

    private final String name;
    private final long summaryEveryNanos;
    private final LongSupplier nanoTime;
    private long failures;
    private long firstFailureAt;
    private long lastLineAt;

    OutageLog(String name) {
        this(name, SUMMARY_EVERY, System::nanoTime);
    }

    OutageLog(String name, Duration summaryEvery, LongSupplier nanoTime) {
        this.name = name;
        this.summaryEveryNanos = summaryEvery.toNanos();
        this.nanoTime = nanoTime;
    }

    /** A failure: the line to log, if this one deserves a line. */
    synchronized Optional<String> failed(String reason) {
        long now = nanoTime.getAsLong();
        failures++;
        if (failures == 1) {
            firstFailureAt = now;
            lastLineAt = now;
            return Optional.of(name + ": heartbeat failed: " + reason + " (retrying every poll; a summary every "
                    + summaryEveryNanos / 1_000_000_000L + "s until it recovers)");
        }
        if (now - lastLineAt >= summaryEveryNanos) {
            lastLineAt = now;
            return Optional.of(name + ": heartbeat still failing: " + failures + " attempts in "
                    + seconds(now - firstFailureAt) + ", last: " + reason);
        }
        return Optional.empty();
    }

    /** A success: the recovery line, if it ends a run of failures. */
    synchronized Optional<String> succeeded() {
        if (failures == 0) {
            return Optional.empty();
        }
        String line = name + ": heartbeat recovered after " + failures + " failed attempts in "
                + seconds(nanoTime.getAsLong() - firstFailureAt);
        failures = 0;
        return Optional.of(line);
    }

    private static String seconds(long nanos) {
        return ConfigMap.abbreviate(String.format(java.util.Locale.ROOT, "%.1fs", nanos / 1e9));
    }
}
