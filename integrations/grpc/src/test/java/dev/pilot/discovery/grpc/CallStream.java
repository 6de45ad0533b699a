package dev.pilot.discovery.grpc;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of calls through a channel, from a few threads, each call waited for before
 * the next: counts the answered calls and keeps every failure. Bounded: it stops by itself after
 * 100 000 calls.
 */
final class CallStream implements AutoCloseable {

    private static final int MAX_CALLS = 100_000;

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    private CallStream() {}

    static CallStream start(ManagedChannel channel, int threads) {
        CallStream stream = new CallStream();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> stream.run(channel), "call-stream-" + i);
            thread.setDaemon(true);
            stream.threads.add(thread);
            thread.start();
        }
        return stream;
    }

    private void run(ManagedChannel channel) {
        while (running.get() && started.incrementAndGet() <= MAX_CALLS) {
            try {
                WhoService.ask(channel);
                succeeded.incrementAndGet();
            } catch (StatusRuntimeException e) {
                failures.add(e.getStatus().toString());
            }
        }
    }

    /** Stops starting calls and waits for the ones in flight. */
    void stop() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(10_000);
        }
    }

    int succeeded() {
        return succeeded.get();
    }

    List<String> failures() {
        return failures;
    }

    List<String> firstFailures() {
        return failures.subList(0, Math.min(5, failures.size()));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
