package dev.pilot.bench.throughput;

import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives heartbeats: {@code concurrency} virtual threads, each cycling through its share of the
 * services, one heartbeat at a time, until the round's time is up or {@code maxHeartbeats} were
 * sent, whichever comes first.
 */
public final class HeartbeatLoad {

    /** What one round did. */
    public record Round(long heartbeats, long failures, double seconds) {
        public double perSecond() {
            return seconds == 0 ? 0 : heartbeats / seconds;
        }
    }

    private final HeartbeatClient client;
    private final List<ServiceDefinition> services;
    private final int concurrency;

    public HeartbeatLoad(HeartbeatClient client, List<ServiceDefinition> services, int concurrency) {
        this.client = client;
        this.services = List.copyOf(services);
        this.concurrency = Math.min(concurrency, services.size());
    }

    /** Registers every service, {@code concurrency} at a time. */
    public void registerAll() throws InterruptedException {
        forEachShare(Long.MAX_VALUE, 1, client::register);
    }

    /** One timed round of heartbeats. */
    public Round round(Duration length, long maxHeartbeats) throws InterruptedException {
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + length.toNanos();
        long sent = forEachShare(deadline, maxHeartbeats, service -> {
            try {
                client.heartbeat(service);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
            }
        });
        return new Round(sent - failures.get(), failures.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Runs {@code action} on the services, each thread over its share: without a deadline
     * ({@code Long.MAX_VALUE}) on each service once, else round and round until the deadline or
     * {@code max} actions in all — and at least one action per thread, so a round counts at least
     * one heartbeat a thread even when the machine started the thread after the deadline.
     */
    private long forEachShare(long deadlineNanos, long max, java.util.function.Consumer<ServiceDefinition> action)
            throws InterruptedException {
        boolean once = deadlineNanos == Long.MAX_VALUE;
        AtomicLong done = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            List<ServiceDefinition> share = new ArrayList<>();
            for (int i = t; i < services.size(); i += concurrency) {
                share.add(services.get(i));
            }
            threads.add(Thread.ofVirtual().name("bench-heartbeat-" + t).start(() -> {
                int i = 0;
                do { // at least one action per thread, however late it started: a round is never empty
                    action.accept(share.get(i % share.size()));
                    done.incrementAndGet();
                    i++;
                } while (once ? i < share.size() : System.nanoTime() < deadlineNanos && done.get() < max);
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return done.get();
    }
}
