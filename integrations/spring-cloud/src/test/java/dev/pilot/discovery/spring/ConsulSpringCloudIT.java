package dev.pilot.discovery.spring;

import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.TestServer;
import java.util.Map;

/** The Spring Cloud contract on a real Consul dev agent. */
class ConsulSpringCloudIT extends ServerSpringCloudContract {

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
    protected TestServer server() {
        return consul;
    }

    @Override
    protected Map<String, String> backendProperties() {
        return Map.of("pilot.discovery.consul.address", consul.address());
    }
}
