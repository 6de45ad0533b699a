package dev.pilot.discovery.spring;

import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TestServer;
import java.util.Map;

/** The Spring Cloud contract on a real etcd node. */
class EtcdSpringCloudIT extends ServerSpringCloudContract {

    private EtcdServer etcd;

    @Override
    protected void startServer() {
        etcd = EtcdServer.launch();
    }

    @Override
    protected void stopServer() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected TestServer server() {
        return etcd;
    }

    @Override
    protected Map<String, String> backendProperties() {
        return Map.of("pilot.discovery.etcd.endpoints", etcd.uri().toString());
    }
}
