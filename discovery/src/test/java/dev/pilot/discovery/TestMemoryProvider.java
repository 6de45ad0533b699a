package dev.pilot.discovery;

import dev.pilot.discovery.spi.BackendProvider;

import java.util.List;
import java.util.Set;

/** A provider found by ServiceLoader in the registry test; it only remembers its raw config. */
public final class TestMemoryProvider implements BackendProvider {

    @Override
    public String name() {
        return "test-memory";
    }

    @Override
    public ServiceBackend create(Object raw) {
        return new ServiceBackend() {
            @Override public String name() { return "test-memory:" + raw; }
            @Override public void sendHeartbeat(ServiceDefinition service) {}
            @Override public boolean checkForUpstreamChanges(String name, String tag) { return false; }
            @Override public void markForMaintenance(ServiceDefinition service) {}
            @Override public void deregister(ServiceDefinition service) {}
            @Override public List<Instance> instances(String name, String tag) { return List.of(); }
            @Override public Watch watch(String name, String tag, UpstreamListener listener) { return () -> {}; }
            @Override public Set<Capability> capabilities() { return Set.of(); }
            @Override public void close() {}
        };
    }
}
