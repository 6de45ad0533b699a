package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.TestServer;
import dev.pilot.testservers.ZooKeeperServer;
import java.time.Duration;
import java.util.Map;

/** gRPC on a real (in-process) ZooKeeper server, with short sessions. */
class ZooKeeperGrpcIT extends ServerGrpcContract {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(2);

    private ZooKeeperServer zookeeper;

    @Override
    protected void startCatalog() {
        zookeeper = ZooKeeperServer.launch();
    }

    @Override
    protected void stopCatalog() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Override
    protected ServiceBackend connect() {
        return Backends.fromClassPath().create("zookeeper",
                Map.of("address", zookeeper.address(), "sessionTimeout", SESSION_TIMEOUT.toMillis() + "ms"));
    }

    @Override
    protected TestServer catalog() {
        return zookeeper;
    }

    @Override
    protected Duration sessionTimeout() {
        return SESSION_TIMEOUT;
    }
}
