package dev.pilot.discovery.consul;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.BackendConformanceSuite;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.discovery.tck.servers.ConsulServer;
import dev.pilot.discovery.tck.servers.TestServer;
import java.util.Map;

/** The backend contract against a real Consul dev agent. */
class ConsulConformanceIT extends BackendConformanceSuite {

    @Override
    protected TestServer startServer() {
        return ConsulServer.launch();
    }

    @Override
    protected ServiceBackend connect(TestServer server) {
        ConsulConfig config = ConsulConfig.from(server.address(), Map.of()).withTimeout(Timing.REQUEST_TIMEOUT);
        return ConsulBackendProvider.connect(config);
    }
}
