package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** gRPC on a real etcd node. */
class EtcdGrpcIT extends ServerGrpcContract {

    private EtcdServer etcd;

    @Override
    protected void startCatalog() {
        etcd = EtcdServer.launch();
    }

    @Override
    protected void stopCatalog() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected ServiceBackend connect() {
        return Backends.fromClassPath().create("etcd", Map.of("endpoints", List.of(etcd.uri().toString())));
    }

    @Override
    protected TestServer catalog() {
        return etcd;
    }

    @Override
    protected Duration sessionTimeout() {
        return RunningServer.TTL; // an instance's lease lasts its TTL
    }
}
