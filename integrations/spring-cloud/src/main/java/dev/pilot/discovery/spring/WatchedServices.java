package dev.pilot.discovery.spring;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The healthy sets behind the discovery clients and the load-balancer supplier: the first look-up
 * of a service reads it ({@link ServiceBackend#instances}), then a {@link ServiceBackend#watch}
 * keeps the set, so no later look-up costs a request. A watch keeps its last set through a
 * catalog outage, and so does this; while it does, the service is listed as stale
 * ({@link #staleServices()}, logged once as a warning). Listeners hear every delivered set. Thread-safe.
 */
final class WatchedServices implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WatchedServices.class);

    private final ServiceBackend backend;
    private final PilotMetrics metrics;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    WatchedServices(ServiceBackend backend, PilotMetrics metrics) {
        this.backend = backend;
        this.metrics = metrics;
    }

    /**
     * The healthy set of {@code service}, read on the first call and watched after.
     *
     * @throws dev.pilot.discovery.DiscoveryException when the first read fails; the next call reads again
     */
    List<Instance> instances(String service) {
        return entry(service).instances;
    }

    /**
     * Calls {@code listener} with the current set of {@code service} (reading it first if no call
     * did yet), then with every set the watch delivers. Returns a handle that stops the calls.
     */
    Runnable listen(String service, Consumer<List<Instance>> listener) {
        Entry entry = entry(service);
        entry.listeners.add(listener);
        listener.accept(entry.instances);
        return () -> entry.listeners.remove(listener);
    }

    /** Every service looked up or listened to so far, sorted. */
    Set<String> services() {
        return new TreeSet<>(entries.keySet());
    }

    /** The services whose last set is kept through an outage of the catalog, sorted. */
    Set<String> staleServices() {
        Set<String> stale = new TreeSet<>();
        entries.forEach((service, entry) -> {
            if (entry.stale) {
                stale.add(service);
            }
        });
        return stale;
    }

    /** Stops every watch. */
    @Override
    public void close() {
        entries.values().forEach(entry -> entry.watch.cancel());
        entries.clear();
    }

    private Entry entry(String service) {
        Entry existing = entries.get(service);
        if (existing != null) {
            return existing;
        }
        // Read outside the map's lock: a slow catalog must not block look-ups of other services.
        List<Instance> first = backend.instances(service, "");
        Entry created = new Entry(first);
        Entry raced = entries.putIfAbsent(service, created);
        if (raced != null) {
            return raced;
        }
        created.watch = backend.watch(service, "", new UpstreamListener() {
            @Override
            public void onChange(List<Instance> healthy) {
                created.deliver(service, healthy);
            }

            @Override
            public void onStale(DiscoveryException cause) {
                created.stale = true;
                log.warn("Serving the last known instances of {} while the catalog is unreachable: {}", service, cause.getMessage());
            }

            @Override
            public void onRecovered() {
                created.stale = false;
                log.info("The instances of {} are current again", service);
            }
        });
        return created;
    }

    private final class Entry {
        private final CopyOnWriteArrayList<Consumer<List<Instance>>> listeners = new CopyOnWriteArrayList<>();
        private volatile List<Instance> instances;
        private volatile Watch watch = () -> {};
        private volatile boolean stale;

        private Entry(List<Instance> first) {
            this.instances = first;
        }

        private void deliver(String service, List<Instance> healthy) {
            if (healthy.equals(instances)) {
                return;
            }
            instances = healthy;
            metrics.delivery(service);
            for (Consumer<List<Instance>> listener : listeners) {
                listener.accept(healthy);
            }
        }
    }
}
