package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.TestServer;
import java.time.Duration;

/** gRPC on a real Consul agent. */
class ConsulGrpcIT extends ServerGrpcContract {

    private ConsulServer consul;

    @Override
    protected void startCatalog() {
        consul = ConsulServer.launch();
    }

    @Override
    protected void stopCatalog() {
        if (consul != null) {
            consul.close();
        }
    }

    @Override
    protected ServiceBackend connect() {
        return Backends.fromClassPath().create("consul", consul.address());
    }

    @Override
    protected TestServer catalog() {
        return consul;
    }

    @Override
    protected Duration sessionTimeout() {
        return RunningServer.TTL; // Consul has no session here: a TTL check per instance
    }
}
