package dev.pilot.discovery.spring;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.serviceregistry.ServiceRegistry;

/**
 * Spring Cloud's {@link ServiceRegistry} on a Pilot backend. {@link #register} sends the first
 * heartbeat and keeps the instance alive with a {@link Heartbeat}; {@link #deregister} stops it
 * and removes the instance. The statuses are those of the {@code service-registry} actuator
 * endpoint: {@code OUT_OF_SERVICE} puts the instance in maintenance (out of every healthy set,
 * still registered), {@code UP} sends a heartbeat that brings it back.
 *
 * <p>A catalog outage never fails {@link #register}: the heartbeat is retried until it lands.
 * Thread-safe.
 */
public final class PilotServiceRegistry implements ServiceRegistry<PilotRegistration> {

    public static final String UP = "UP";
    public static final String OUT_OF_SERVICE = "OUT_OF_SERVICE";

    private static final Logger log = LoggerFactory.getLogger(PilotServiceRegistry.class);

    private final ServiceBackend backend;
    private final HealthGate gate;
    private final PilotMetrics metrics;
    private final ConcurrentMap<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();

    PilotServiceRegistry(ServiceBackend backend, HealthGate gate, PilotMetrics metrics) {
        this.backend = backend;
        this.gate = gate;
        this.metrics = metrics;
    }

    @Override
    public void register(PilotRegistration registration) {
        Heartbeat heartbeat = new Heartbeat(backend, registration.definition(), gate, metrics);
        Heartbeat previous = heartbeats.put(registration.getInstanceId(), heartbeat);
        if (previous != null) {
            previous.stop();
        }
        heartbeat.start();
        ServiceDefinition registered = heartbeat.definition();
        log.info("Registered {} as {} at {}:{} in {}; address from {}", registered.name(), registered.id(),
                registered.ipAddress(), registered.port(), backend.name(), registration.getHostSource());
    }

    @Override
    public void deregister(PilotRegistration registration) {
        Heartbeat heartbeat = heartbeats.remove(registration.getInstanceId());
        if (heartbeat == null) {
            return;
        }
        heartbeat.stop();
        try {
            backend.deregister(heartbeat.definition());
            log.info("Deregistered {} from {}", heartbeat.definition().id(), backend.name());
        } catch (DiscoveryException e) {
            log.warn("Could not deregister {} (it expires after its TTL): {}", heartbeat.definition().id(), e.getMessage());
        }
    }

    /** Sends every registration's heartbeat now (the health gate and maintenance permitting), not at its next tick. */
    void beatNow() {
        heartbeats.values().forEach(Heartbeat::beatNow);
    }

    /** Stops every heartbeat; the backend itself is closed by its own bean. */
    @Override
    public void close() {
        heartbeats.values().forEach(Heartbeat::stop);
    }

    @Override
    public void setStatus(PilotRegistration registration, String status) {
        Heartbeat heartbeat = heartbeat(registration);
        if (OUT_OF_SERVICE.equalsIgnoreCase(status)) {
            heartbeat.markForMaintenance();
        } else if (UP.equalsIgnoreCase(status)) {
            heartbeat.resume();
        } else {
            throw new IllegalArgumentException("status: expected " + UP + " or " + OUT_OF_SERVICE + ", got '" + status + "'");
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getStatus(PilotRegistration registration) {
        return (T) (heartbeat(registration).inMaintenance() ? OUT_OF_SERVICE : UP);
    }

    /** The heartbeats running now, for the health indicator. */
    Collection<Heartbeat> heartbeats() {
        return List.copyOf(heartbeats.values());
    }

    private Heartbeat heartbeat(PilotRegistration registration) {
        Heartbeat heartbeat = heartbeats.get(registration.getInstanceId());
        if (heartbeat == null) {
            throw new IllegalStateException(registration.getInstanceId() + " is not registered");
        }
        return heartbeat;
    }
}
