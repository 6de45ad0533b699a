package dev.pilot.discovery.grpc;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import io.grpc.Server;
import io.grpc.protobuf.services.HealthStatusManager;
import java.time.Duration;

/**
 * A running gRPC server, registered in a Pilot catalog for as long as it serves.
 *
 * <ul>
 *   <li><b>Heartbeats</b> three times per TTL, on a daemon thread named
 *       {@code pilot-grpc-<id>}; the first before {@link Builder#start()} returns. A failed one is
 *       logged (once as a warning, then quietly) and the next one tries again.</li>
 *   <li><b>Health</b>, with a {@link HealthStatusManager}: the status of its service (the whole
 *       server by default) is followed through the health service itself. NOT_SERVING (or any
 *       status but SERVING) puts the instance in maintenance — out of every healthy set, so
 *       clients stop routing to it — and pauses heartbeats; SERVING sends a heartbeat that brings
 *       it back.</li>
 *   <li><b>Shutdown</b> ({@link #shutdown}) in the order that loses no call: heartbeats stop; the
 *       instance is deregistered; the registration waits until its own watch of the service no
 *       longer holds it (at most the propagation timeout), then a short drain, so that clients'
 *       resolvers, fed by the same catalog, have moved away; then the health service turns
 *       NOT_SERVING, the server stops taking calls and the calls in flight finish (within the
 *       grace period, after which they are cancelled).</li>
 * </ul>
 *
 * <pre>{@code
 * PilotServerRegistration registration = PilotServerRegistration.builder(backend, server, "orders")
 *         .tags("blue").meta("zone", "a").health(health).start();
 * ...
 * registration.shutdown(Duration.ofSeconds(30));
 * }</pre>
 *
 * The registration never closes the backend. Thread-safe.
 */
public final class PilotServerRegistration implements AutoCloseable {

    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

    private final ServiceDefinition definition;
    private final Heartbeats heartbeats;
    private final ServerShutdown shutdownOrder;
    private final Object shutdownLock = new Object();
    private boolean terminated;

    private PilotServerRegistration(Builder builder, ServiceDefinition definition) {
        this.definition = definition;
        this.heartbeats = new Heartbeats(builder.backend, definition);
        this.shutdownOrder = new ServerShutdown(builder.backend, builder.server, definition, builder.health,
                builder.propagationTimeout, builder.drain);
    }

    /**
     * A registration of {@code server} (started, listening) as an instance of {@code name}.
     * Defaults: id {@code <name>-<address>-<port>}, the host's first non-loopback IPv4 address,
     * the server's first port, a 10 s TTL, no tags, no metadata, no health service, a 5 s
     * propagation timeout and a 1 s drain.
     */
    public static Builder builder(ServiceBackend backend, Server server, String name) {
        return new Builder(backend, server, name);
    }

    /** What is registered. */
    public ServiceDefinition definition() {
        return definition;
    }

    /** Whether the instance is in maintenance because the health service is not SERVING. */
    public boolean inMaintenance() {
        return heartbeats.inMaintenance();
    }

    /**
     * Deregisters, waits for the change to reach watchers, then shuts the server down and lets
     * the calls in flight finish within {@code grace} (cancelling the rest). Returns once the
     * server terminated; calling it again waits for nothing.
     */
    public void shutdown(Duration grace) {
        synchronized (shutdownLock) {
            if (terminated) {
                return;
            }
            terminated = true;
            shutdownOrder.run(heartbeats, grace);
        }
    }

    /** {@link #shutdown} with a 10 s grace period. */
    @Override
    public void close() {
        shutdown(DEFAULT_GRACE);
    }

    /** How a server is registered; {@link #start()} registers it. Not thread-safe. */
    public static final class Builder {
        private final ServiceBackend backend;
        private final Server server;
        private final String name;
        private String id;
        private String address;
        private Integer port;
        private Duration ttl = Duration.ofSeconds(10);
        private java.util.List<String> tags = java.util.List.of();
        private final java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
        private HealthStatusManager health;
        private String healthService = HealthStatusManager.SERVICE_NAME_ALL_SERVICES;
        private Duration propagationTimeout = Duration.ofSeconds(5);
        private Duration drain = Duration.ofSeconds(1);

        private Builder(ServiceBackend backend, Server server, String name) {
            this.backend = java.util.Objects.requireNonNull(backend, "backend");
            this.server = java.util.Objects.requireNonNull(server, "server");
            this.name = name;
        }

        /** The instance id; default {@code <name>-<address>-<port>}. */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /** The address clients connect to; default the host's first non-loopback IPv4 address. */
        public Builder address(String address) {
            this.address = address;
            return this;
        }

        /** The port clients connect to; default the server's first listening port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** How long the instance stays healthy without a heartbeat; whole seconds, default 10 s. */
        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder tags(String... tags) {
            this.tags = java.util.List.of(tags);
            return this;
        }

        public Builder meta(String key, String value) {
            this.meta.put(key, value);
            return this;
        }

        /** Follows {@code health}'s status of the whole server ({@code ""}). */
        public Builder health(HealthStatusManager health) {
            return health(health, HealthStatusManager.SERVICE_NAME_ALL_SERVICES);
        }

        /** Follows {@code health}'s status of {@code service}. */
        public Builder health(HealthStatusManager health, String service) {
            this.health = health;
            this.healthService = java.util.Objects.requireNonNull(service, "service");
            return this;
        }

        /** At most how long shutdown waits for the catalog to drop the instance; default 5 s. */
        public Builder propagationTimeout(Duration timeout) {
            this.propagationTimeout = timeout;
            return this;
        }

        /** How long shutdown waits after that, for other clients' resolvers; default 1 s. */
        public Builder drain(Duration drain) {
            this.drain = drain;
            return this;
        }

        /**
         * Registers the server and starts heartbeats; returns after the first heartbeat (a catalog
         * outage does not fail it: heartbeats go on trying).
         *
         * @throws IllegalArgumentException naming the field when the definition is invalid
         */
        public PilotServerRegistration start() {
            String host = address != null ? address : HostAddress.first();
            int listening = port != null ? port : server.getPort();
            String instanceId = id != null ? id : name + "-" + host + "-" + listening;
            requireNonNegative("propagationTimeout", propagationTimeout);
            requireNonNegative("drain", drain);
            ServiceDefinition definition = new ServiceDefinition(instanceId, name, listening, ttl, tags, host, meta);
            backend.checkName("name", definition.name());
            backend.checkName("id", definition.id());
            PilotServerRegistration registration = new PilotServerRegistration(this, definition);
            registration.heartbeats.start(health, healthService);
            return registration;
        }

        private static void requireNonNegative(String field, Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException(field + ": expected a duration of zero or more, got " + value);
            }
        }
    }
}
