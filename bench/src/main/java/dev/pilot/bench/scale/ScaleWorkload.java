package dev.pilot.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The process the scale benchmark measures: one Pilot backend with {@code services} services,
 * each heartbeating every half TTL on its own virtual thread (as an agent does), and as many
 * watched upstreams, for a bounded time. Prints its {@link ScaleOutcome} as JSON on the last
 * line of standard output.
 *
 * <p>Usage: {@code ScaleWorkload <backend> <raw config as JSON> <services> <seconds> <ttl seconds>}
 */
public final class ScaleWorkload {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleWorkload() {}

    public static void main(String[] args) throws Exception {
        String backendName = args[0];
        Object config = JSON.readValue(args[1], Object.class);
        int count = Integer.parseInt(args[2]);
        Duration length = Duration.ofSeconds(Long.parseLong(args[3]));
        Duration ttl = Duration.ofSeconds(Long.parseLong(args[4]));
        System.out.println(JSON.writeValueAsString(run(backendName, config, count, length, ttl)));
        System.exit(0);
    }

    static ScaleOutcome run(String backendName, Object config, int count, Duration length, Duration ttl)
            throws InterruptedException {
        AtomicLong heartbeats = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicLong late = new AtomicLong();
        AtomicLong maxGapNanos = new AtomicLong();
        AtomicLong deliveries = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>("");
        try (ServiceBackend backend = Backends.fromClassPath().create(backendName, config)) {
            List<ServiceDefinition> services = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                services.add(new ServiceDefinition("scale-" + i + "-1", "scale-" + i, 10_000 + i, ttl, List.of(), "127.0.0.1"));
            }
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                watches.add(backend.watch("scale-" + i, "", healthy -> deliveries.incrementAndGet()));
            }
            long end = System.nanoTime() + length.toNanos();
            long every = ttl.toNanos() / 2;
            List<Thread> threads = new ArrayList<>();
            for (ServiceDefinition service : services) {
                threads.add(Thread.ofVirtual().name("scale-heartbeat-" + service.id()).start(() -> {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(every)); // spread the first beats
                    long last = 0;
                    long next = System.nanoTime();
                    while (next < end) {
                        LockSupport.parkNanos(next - System.nanoTime());
                        try {
                            backend.sendHeartbeat(service);
                            long now = System.nanoTime();
                            heartbeats.incrementAndGet();
                            if (last != 0) {
                                long gap = now - last;
                                maxGapNanos.accumulateAndGet(gap, Math::max);
                                if (gap > ttl.toNanos()) {
                                    late.incrementAndGet();
                                }
                            }
                            last = now;
                        } catch (RuntimeException e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet("", String.valueOf(e.getMessage()));
                        }
                        next += every;
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            watches.forEach(Watch::cancel);
            for (ServiceDefinition service : services) {
                try {
                    backend.deregister(service);
                } catch (RuntimeException e) {
                    // expires with its TTL
                }
            }
        }
        return new ScaleOutcome(heartbeats.get(), failures.get(), late.get(), maxGapNanos.get() / 1_000_000, deliveries.get(),
                firstFailure.get());
    }
}
