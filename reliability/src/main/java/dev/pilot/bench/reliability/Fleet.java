package dev.pilot.bench.reliability;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an agent does, on Pilot's library: {@code services} services heartbeating every
 * {@link #POLL} with a TTL of {@link #TTL}, each on its own virtual thread, and one watch per
 * service on the same backend object, recording every delivery. Stops by itself on
 * {@link #close} (bounded: no thread outlives it).
 */
final class Fleet implements AutoCloseable {

    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration TTL = Duration.ofSeconds(10);

    /** One delivery to a watch: when, and whether it held exactly the one instance of its service. */
    record Delivery(long nanos, String service, int size, boolean complete) {}

    private final ServiceBackend backend;
    private final List<ServiceDefinition> services = new ArrayList<>();
    private final List<Thread> heartbeats = new ArrayList<>();
    private final List<Watch> watches = new ArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicLong failedHeartbeats = new AtomicLong();
    private final AtomicLong heartbeatsSent = new AtomicLong();
    private volatile boolean closed;

    Fleet(ServiceBackend backend, int count, String prefix) {
        this.backend = backend;
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            services.add(new ServiceDefinition(name + "-1", name, 10_000 + i, TTL, List.of(), "127.0.0.1"));
        }
    }

    List<ServiceDefinition> services() {
        return List.copyOf(services);
    }

    Fleet start() {
        for (ServiceDefinition service : services) {
            heartbeats.add(Thread.ofVirtual().name("fleet-" + service.name()).start(() -> heartbeat(service)));
            watches.add(backend.watch(service.name(), "", healthy -> deliveries.add(new Delivery(System.nanoTime(),
                    service.name(), healthy.size(), isOnly(healthy, service)))));
        }
        return this;
    }

    private static boolean isOnly(List<Instance> healthy, ServiceDefinition service) {
        return healthy.size() == 1 && healthy.getFirst().id().equals(service.id());
    }

    private void heartbeat(ServiceDefinition service) {
        while (!closed) {
            long started = System.nanoTime();
            try {
                backend.sendHeartbeat(service);
                heartbeatsSent.incrementAndGet();
            } catch (DiscoveryException e) {
                failedHeartbeats.incrementAndGet();
            } catch (RuntimeException e) {
                failedHeartbeats.incrementAndGet();
                System.err.println("[reliability] heartbeat of " + service.name() + " threw " + e);
            }
            long wait = POLL.toNanos() - (System.nanoTime() - started);
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait)); // the heartbeat period, not a wait for a condition
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Deliveries since {@code fromNanos}. */
    List<Delivery> deliveriesSince(long fromNanos) {
        return deliveries.stream().filter(d -> d.nanos() >= fromNanos).toList();
    }

    /** How many services' watches delivered, since {@code fromNanos}, a set of two instances or more. */
    int watchesThatSawTwoSince(long fromNanos) {
        return (int) deliveries.stream().filter(d -> d.nanos() >= fromNanos && d.size() >= 2)
                .map(Delivery::service).distinct().count();
    }

    /** Whether every watch's latest delivery holds its full set. */
    boolean everyWatchComplete() {
        for (ServiceDefinition service : services) {
            Delivery last = null;
            for (Delivery delivery : deliveries) {
                if (delivery.service().equals(service.name())) {
                    last = delivery;
                }
            }
            if (last == null || !last.complete()) {
                return false;
            }
        }
        return true;
    }

    long failedHeartbeats() {
        return failedHeartbeats.get();
    }

    long heartbeatsSent() {
        return heartbeatsSent.get();
    }

    /** Stops heartbeats and watches and deregisters; does not close the backend. */
    @Override
    public void close() {
        closed = true;
        heartbeats.forEach(Thread::interrupt);
        for (Thread thread : heartbeats) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        watches.forEach(Watch::cancel);
        for (ServiceDefinition service : services) {
            try {
                backend.deregister(service);
            } catch (RuntimeException e) {
                // the next scenario starts from a fresh server or other names
            }
        }
    }
}
