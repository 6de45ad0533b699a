package dev.pilot.discovery.grpc;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a registered server leaves without losing a call ({@link PilotServerRegistration#shutdown}):
 * heartbeats stop; the instance is deregistered; then a wait until the registration's own watch of
 * the service no longer holds it (at most the propagation timeout) and a short drain, so that
 * clients' resolvers, fed by the same catalog, have moved away; then the health service turns
 * NOT_SERVING, the server stops taking calls and the calls in flight finish within the grace
 * period, after which they are cancelled. Run once, by the registration.
 */
final class ServerShutdown {

    /** Logged as the registration's own lines. */
    private static final System.Logger LOG = System.getLogger(PilotServerRegistration.class.getName());

    private final ServiceBackend backend;
    private final Server server;
    private final ServiceDefinition definition;
    private final HealthStatusManager health;
    private final Duration propagationTimeout;
    private final Duration drain;

    /** @param health the health service followed, or null */
    ServerShutdown(ServiceBackend backend, Server server, ServiceDefinition definition, HealthStatusManager health,
                   Duration propagationTimeout, Duration drain) {
        this.backend = backend;
        this.server = server;
        this.definition = definition;
        this.health = health;
        this.propagationTimeout = propagationTimeout;
        this.drain = drain;
    }

    /** Stops {@code heartbeats}, deregisters, waits, then stops the server within {@code grace}; returns once it terminated. */
    void run(Heartbeats heartbeats, Duration grace) {
        try {
            heartbeats.stop();
            deregisterAndWait();
            pause(drain);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopServer(grace);
        }
    }

    private void deregisterAndWait() throws InterruptedException {
        CountDownLatch gone = new CountDownLatch(1);
        Watch own;
        try {
            own = backend.watch(definition.name(), "", healthy -> {
                if (healthy.stream().noneMatch(instance -> instance.id().equals(definition.id()))) {
                    gone.countDown();
                }
            });
        } catch (RuntimeException e) { // a closed backend: nothing to wait for
            LOG.log(Level.WARNING, definition.id() + ": cannot watch the service (" + e.getMessage()
                    + "); deregistering without waiting");
            own = () -> {};
            gone.countDown();
        }
        try {
            backend.deregister(definition);
            if (!gone.await(propagationTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, definition.id() + ": the catalog still lists the instance after "
                        + propagationTimeout.toMillis() + " ms; stopping anyway");
            }
        } catch (DiscoveryException e) {
            LOG.log(Level.WARNING, definition.id() + ": deregistration failed; the instance leaves with its TTL: "
                    + e.getMessage());
        } finally {
            own.cancel();
        }
    }

    private void stopServer(Duration grace) {
        if (health != null) {
            health.enterTerminalState();
        }
        server.shutdown();
        if (grace.isZero()) {
            server.shutdownNow();
            return;
        }
        try {
            if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.WARNING, definition.id() + ": calls still ran after " + grace.toMillis()
                        + " ms; cancelling them");
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
    }

    private static void pause(Duration duration) throws InterruptedException {
        if (!duration.isZero()) {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
        }
    }
}
