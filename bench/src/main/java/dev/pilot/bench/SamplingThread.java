package dev.pilot.bench;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Takes a reading of a process at once and then once per interval, on a virtual thread of its own,
 * until {@link #stop} or until a reading says the process is gone: the loop behind every sampler
 * of the benchmarks. Thread-safe.
 */
public final class SamplingThread {

    private static final long JOIN_MILLIS = 5_000;

    private final Thread thread;
    private volatile boolean stopped;

    /**
     * @param name    the thread's name
     * @param reading takes one reading; false when the process is gone, which ends the sampling
     */
    public SamplingThread(String name, Duration interval, BooleanSupplier reading) {
        this.thread = Thread.ofVirtual().name(name).start(() -> {
            while (!stopped && reading.getAsBoolean()) {
                LockSupport.parkNanos(interval.toNanos());
            }
        });
    }

    /** Ends the sampling and waits (at most 5 s) for a reading in progress to finish. */
    public void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
