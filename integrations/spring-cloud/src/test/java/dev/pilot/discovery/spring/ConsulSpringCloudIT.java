package dev.pilot.discovery.spring;

import dev.pilot.discovery.tck.servers.ConsulServer;
import dev.pilot.discovery.tck.servers.TestServer;
import java.util.Map;
import java.util.Optional;

/** The Spring Cloud contract on a real Consul dev agent. */
class ConsulSpringCloudIT extends SpringCloudContract {

    private ConsulServer consul;

    @Override
    protected void startServer() {
        consul = ConsulServer.launch();
    }

    @Override
    protected void stopServer() {
        if (consul != null) {
            consul.close();
        }
    }

    @Override
    protected Optional<TestServer> server() {
        return Optional.of(consul);
    }

    @Override
    protected Map<String, String> backendProperties() {
        return Map.of("pilot.discovery.consul.address", consul.address());
    }
}
