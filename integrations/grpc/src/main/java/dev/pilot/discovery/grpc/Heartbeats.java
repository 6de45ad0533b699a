package dev.pilot.discovery.grpc;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The heartbeats of one registered server, three per TTL, on one daemon thread named
 * {@code pilot-grpc-<id>}, following the health service when there is one: any status but
 * SERVING puts the instance in maintenance and pauses heartbeats; SERVING sends one that brings it
 * back. Every catalog call runs on that thread, so they never overlap.
 */
final class Heartbeats {

    private static final System.Logger LOG = System.getLogger(Heartbeats.class.getName());

    private final ServiceBackend backend;
    private final ServiceDefinition definition;
    private final ScheduledExecutorService worker;
    private HealthFollower follower;
    private volatile boolean stopped;
    private volatile boolean inMaintenance;
    // Owned by the worker thread.
    private boolean serving = true;
    private boolean registered;
    private int failures;

    Heartbeats(ServiceBackend backend, ServiceDefinition definition) {
        this.backend = backend;
        this.definition = definition;
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pilot-grpc-" + definition.id());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Follows {@code health} (may be null) for {@code service}, sends the first heartbeat, and schedules the rest. */
    void start(HealthStatusManager health, String service) {
        if (health != null) {
            follower = HealthFollower.start(health, service, status -> submit(() -> status(status)));
        }
        try {
            worker.submit(this::beat).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(Level.WARNING, "the first heartbeat of " + definition.id() + " did not end: " + e);
        }
        long period = Math.max(1, definition.ttl().toMillis() / 3);
        worker.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
    }

    boolean inMaintenance() {
        return inMaintenance;
    }

    /** Stops following health and sending heartbeats; returns once none is in flight (or 30 s passed). */
    void stop() throws InterruptedException {
        stopped = true;
        if (follower != null) {
            follower.close();
        }
        worker.shutdownNow();
        // A heartbeat in flight ends within the backend's timeout; none may land after a deregistration.
        if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
            LOG.log(Level.WARNING, definition.id() + ": a heartbeat still runs; going on anyway");
        }
    }

    private void submit(Runnable task) {
        if (!stopped) {
            try {
                worker.execute(task);
            } catch (RejectedExecutionException e) {
                // stopping
            }
        }
    }

    private void beat() {
        if (!serving || stopped) {
            return;
        }
        try {
            backend.sendHeartbeat(definition);
            if (failures > 0) {
                LOG.log(Level.INFO, definition.id() + ": heartbeats land again after " + failures + " failure(s)");
            }
            failures = 0;
            registered = true;
            inMaintenance = false;
        } catch (DiscoveryException e) {
            if (failures++ == 0) {
                LOG.log(Level.WARNING, definition.id() + ": heartbeat failed; retrying: " + e.getMessage());
            } else {
                LOG.log(Level.DEBUG, () -> definition.id() + ": heartbeat failed again: " + e.getMessage());
            }
        }
    }

    private void status(ServingStatus status) {
        boolean nowServing = status == ServingStatus.SERVING;
        if (nowServing == serving || stopped) {
            return;
        }
        serving = nowServing;
        if (nowServing) {
            LOG.log(Level.INFO, definition.id() + ": health is SERVING; back in the healthy set");
            beat();
            return;
        }
        LOG.log(Level.INFO, definition.id() + ": health is " + status + "; in maintenance, heartbeats paused");
        inMaintenance = true;
        if (registered) {
            try {
                backend.markForMaintenance(definition);
            } catch (DiscoveryException e) {
                LOG.log(Level.WARNING, definition.id() + ": maintenance failed; the instance leaves with its TTL: "
                        + e.getMessage());
            }
        }
    }
}
