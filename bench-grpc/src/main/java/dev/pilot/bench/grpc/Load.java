package dev.pilot.bench.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A steady stream of unary calls through a channel: each thread sends one, waits for it, then
 * paces itself; bounded by a deadline. Counts answered and failed calls.
 */
final class Load implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean counting;

    private Load() {}

    /** Starts {@code threads} senders, each pausing {@code pace} between calls, for at most {@code limit}. */
    static Load start(ManagedChannel channel, int threads, Duration pace, Duration limit) {
        Load load = new Load();
        long deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < threads; i++) {
            load.threads.add(Thread.ofVirtual().name("bench-grpc-load-" + i).start(() -> {
                while (load.running.get() && System.nanoTime() < deadline) {
                    try {
                        CountingServer.ask(channel);
                        load.answered.incrementAndGet();
                    } catch (StatusRuntimeException e) {
                        if (load.counting) {
                            load.failed.incrementAndGet();
                        }
                    }
                    LockSupport.parkNanos(pace.toNanos());
                }
            }));
        }
        return load;
    }

    /** From now on, failed calls count (before: no instance yet is expected). */
    void countFailures() {
        counting = true;
    }

    long answered() {
        return answered.get();
    }

    long failed() {
        return failed.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(10));
        }
    }
}
