package dev.pilot.bench.catalog;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;

/** Pilot's side of the heartbeat benchmark: every call is {@link ServiceBackend#sendHeartbeat}. */
public final class PilotHeartbeats implements HeartbeatClient {

    private final ServiceBackend backend;

    public PilotHeartbeats(ServiceBackend backend) {
        this.backend = backend;
    }

    @Override
    public void register(ServiceDefinition service) {
        backend.sendHeartbeat(service);
    }

    @Override
    public void heartbeat(ServiceDefinition service) {
        backend.sendHeartbeat(service);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        backend.deregister(service);
    }

    @Override
    public void close() {
        backend.close();
    }
}
