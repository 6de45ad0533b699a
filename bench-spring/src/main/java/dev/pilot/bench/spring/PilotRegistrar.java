package dev.pilot.bench.spring;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.List;

/**
 * Registers through a Pilot backend of its own (another process's view of the catalog): one
 * heartbeat registers, deregister removes. A TTL of 60 s so that no heartbeat is needed during a
 * round. For Spring Cloud Consul's client too: Consul lists an instance as passing once its TTL
 * check passed, which the first heartbeat does.
 */
final class PilotRegistrar implements Registrar {

    private final ServiceBackend backend;

    PilotRegistrar(String backendName, Object rawConfig) {
        this.backend = Backends.fromClassPath().create(backendName, rawConfig);
    }

    @Override
    public void register(String id, int port) {
        backend.sendHeartbeat(definition(id, port));
    }

    @Override
    public void deregister(String id, int port) {
        backend.deregister(definition(id, port));
    }

    private static ServiceDefinition definition(String id, int port) {
        return new ServiceDefinition(id, RoutingBench.SERVICE, port, Duration.ofSeconds(60), List.of(), "127.0.0.1");
    }

    @Override
    public void close() {
        backend.close();
    }
}
