package dev.pilot.bench.catalog.consul;

import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Consul's own change notification: a loop of blocking queries on the service's passing
 * instances, each with the index of the last answer, as Consul documents them.
 */
final class BlockingQueryWatch implements RawWatch {

    private static final Duration WAIT = Duration.ofMinutes(5);

    private final ConsulApi api;
    private final String service;
    private final ViewListener listener;
    private final Thread thread;
    private volatile boolean closed;

    BlockingQueryWatch(ConsulApi api, String service, ViewListener listener) {
        this.api = api;
        this.service = service;
        this.listener = listener;
        this.thread = Thread.ofVirtual().name("bench-raw-watch-consul").start(this::run);
    }

    private void run() {
        long index = 0;
        while (!closed) {
            try {
                ConsulApi.Health health = api.health(service, index, WAIT);
                // An index that goes backwards means Consul's state was reset: start over.
                index = health.index() < index ? 0 : health.index();
                listener.onView(health.arrivalNanos(), health.ids());
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
