package dev.pilot.discovery.spring;

import dev.pilot.testservers.TestServer;
import dev.pilot.testservers.ZooKeeperServer;
import java.util.Map;

/** The Spring Cloud contract on a real ZooKeeper server. */
class ZooKeeperSpringCloudIT extends ServerSpringCloudContract {

    private ZooKeeperServer zookeeper;

    @Override
    protected void startServer() {
        zookeeper = ZooKeeperServer.launch();
    }

    @Override
    protected void stopServer() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Override
    protected TestServer server() {
        return zookeeper;
    }

    @Override
    protected Map<String, String> backendProperties() {
        return Map.of("pilot.discovery.zookeeper", zookeeper.address());
    }
}
