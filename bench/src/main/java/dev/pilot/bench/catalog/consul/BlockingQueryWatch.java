package dev.pilot.bench.catalog.consul;

import dev.pilot.bench.catalog.RawWatch;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Consul's own change notification: a loop of blocking queries, each with the index of the last
 * answer, as Consul documents them, on a named virtual thread that {@link #close} stops.
 *
 * @param <T> what one answer holds
 */
final class BlockingQueryWatch<T> implements RawWatch {

    /** One blocking query from {@code index}. */
    @FunctionalInterface
    interface Query<T> {
        ConsulApi.Answer<T> read(long index) throws IOException, InterruptedException;
    }

    /** Receives each answer: when it arrived, and what it holds. */
    @FunctionalInterface
    interface Sink<T> {
        void accept(long arrivalNanos, T value);
    }

    private final Query<T> query;
    private final Sink<T> sink;
    private final Thread thread;
    private volatile boolean closed;

    BlockingQueryWatch(String name, Query<T> query, Sink<T> sink) {
        this.query = query;
        this.sink = sink;
        this.thread = Thread.ofVirtual().name("bench-raw-watch-consul-" + name).start(this::run);
    }

    private void run() {
        long index = 0;
        while (!closed) {
            try {
                ConsulApi.Answer<T> answer = query.read(index);
                // An index that goes backwards means Consul's state was reset: start over.
                index = answer.index() < index ? 0 : answer.index();
                sink.accept(answer.arrivalNanos(), answer.value());
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LockSupport.parkNanos(Duration.ofMillis(100).toNanos()); // back off, then retry
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
