package dev.pilot.bench.catalog.consul;

import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.testservers.ConsulServer;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Consul dev agent on 127.0.0.1, and its HTTP API called with the JDK {@code HttpClient} as
 * the raw client: registrations with a passing TTL check, {@code check/pass} heartbeats, blocking
 * queries on {@code /v1/health/service}.
 */
public final class ConsulCatalog implements Catalog {

    private static final Duration CHANGE_TTL = Duration.ofHours(1);

    private final ConsulServer server;
    private final ConsulApi api;
    private final String version;

    private ConsulCatalog(ConsulServer server) {
        this.server = server;
        this.api = new ConsulApi(server.uri());
        this.version = api.version();
    }

    /** Starts a Consul agent. */
    public static ConsulCatalog start() {
        return new ConsulCatalog(ConsulServer.launch());
    }

    @Override
    public String backend() {
        return "consul";
    }

    @Override
    public String serverVersion() {
        return version;
    }

    @Override
    public Object pilotConfig() {
        return Map.of("address", server.address());
    }

    /** Pilot's configuration reaching the agent through {@code hostPort} instead (a counting proxy). */
    public Object pilotConfigVia(String hostPort) {
        return Map.of("address", hostPort);
    }

    /** The agent's HTTP port. */
    public int port() {
        return server.httpPort();
    }

    @Override
    public ChangeWriter changeWriter() {
        return new ChangeWriter() {
            @Override
            public void add(String service, String id, int port) {
                api.register(service, id, port, CHANGE_TTL);
            }

            @Override
            public void remove(String service, String id) {
                api.deregister(id);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public RawWatch rawWatch(String service, ViewListener listener) {
        return new BlockingQueryWatch<>(service, index -> api.health(service, index), listener::onView);
    }

    /**
     * Whether each service's checks all pass, by service name, after each change of any check:
     * one blocking query however many services there are.
     */
    public RawWatch watchCheckStates(Consumer<Map<String, Boolean>> listener) {
        return new BlockingQueryWatch<>("checks", api::checkStates, (arrival, states) -> listener.accept(states));
    }

    @Override
    public HeartbeatClient rawHeartbeats() {
        return new HeartbeatClient() {
            @Override
            public void register(ServiceDefinition service) {
                api.register(service.name(), service.id(), service.port(), service.ttl());
            }

            @Override
            public void heartbeat(ServiceDefinition service) {
                api.pass(service.id());
            }

            @Override
            public void deregister(ServiceDefinition service) {
                api.deregister(service.id());
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public void close() {
        server.close();
    }
}
