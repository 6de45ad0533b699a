package dev.pilot.discovery.spring;

import dev.pilot.discovery.tck.servers.ConsulServer;
import java.util.Map;

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
    protected Map<String, String> backendProperties() {
        return Map.of("pilot.discovery.consul.address", consul.address());
    }
}
