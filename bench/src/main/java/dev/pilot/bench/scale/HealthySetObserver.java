package dev.pilot.bench.scale;

import dev.pilot.bench.RunContext;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.consul.ConsulCatalog;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Watch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the scale run's services from outside the agent and counts each time one that was
 * healthy leaves the healthy set — a heartbeat that came later than its TTL. On Consul it is one
 * blocking query on every check's state (the server's own view, over one connection: a Pilot
 * watch per service would itself hold 200 connections, Consul's limit per client); elsewhere it
 * is a Pilot watch per service.
 */
final class HealthySetObserver implements AutoCloseable {

    private final Map<String, Boolean> healthy = new ConcurrentHashMap<>();
    private final AtomicLong dropouts = new AtomicLong();
    private final List<AutoCloseable> running = new ArrayList<>();
    private final int expected;
    private final CountDownLatch allHealthy = new CountDownLatch(1);

    HealthySetObserver(RunContext context, Catalog catalog, List<String> services) {
        this.expected = services.size();
        if (catalog instanceof ConsulCatalog consul) {
            running.add(consul.watchCheckStates(states -> services.forEach(service -> {
                Boolean passing = states.get(service);
                if (passing != null) {
                    update(service, passing);
                }
            })));
        } else {
            ServiceBackend observer = context.createPilotBackend(catalog.backend(), catalog.pilotConfig()).orElseThrow();
            running.add(observer);
            for (String service : services) {
                Watch watch = observer.watch(service, "", set -> update(service, !set.isEmpty()));
                running.addFirst(watch);
            }
        }
    }

    private void update(String service, boolean isHealthy) {
        if (isHealthy) {
            healthy.put(service, true);
            if (healthy.size() >= expected) {
                allHealthy.countDown();
            }
        } else if (healthy.remove(service) != null) {
            dropouts.incrementAndGet();
        }
    }

    /** How many times a healthy service left the healthy set so far. */
    long dropouts() {
        return dropouts.get();
    }

    /** Waits (at most {@code timeout}) until every service was healthy at once; false when they were not. */
    boolean awaitAllHealthy(Duration timeout) throws InterruptedException {
        return allHealthy.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many services are healthy now. */
    int healthyNow() {
        return healthy.size();
    }

    @Override
    public void close() {
        for (AutoCloseable closeable : running) {
            try {
                closeable.close();
            } catch (Exception e) {
                // stopping anyway
            }
        }
    }
}
