package dev.pilot.discovery.consul;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.ServerBackendConformanceSuite;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.TestServer;
import java.util.Map;
import java.util.Set;

/** The backend contract against a real Consul dev agent. */
class ConsulConformanceIT extends ServerBackendConformanceSuite {

    @Override
    protected TestServer startServer() {
        return ConsulServer.launch();
    }

    @Override
    protected ServiceBackend connect(TestServer server) {
        ConsulConfig config = ConsulConfig.from(server.address(), Map.of()).withTimeout(Timing.REQUEST_TIMEOUT);
        return ConsulBackendProvider.connect(config);
    }

    @Override
    protected Set<Capability> expectedCapabilities() {
        return Set.of(Capability.TAG_FILTER, Capability.NATIVE_TTL, Capability.NATIVE_MAINTENANCE,
                Capability.PUSH_WATCH, Capability.METADATA);
    }
}
