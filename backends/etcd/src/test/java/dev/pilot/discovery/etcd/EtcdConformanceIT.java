package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.ServerBackendConformanceSuite;
import dev.pilot.discovery.tck.MalformedEntriesContract;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TestServer;
import java.util.Map;
import java.util.Set;

/** The whole backend contract against one real etcd node. */
class EtcdConformanceIT extends ServerBackendConformanceSuite implements MalformedEntriesContract {

    @Override
    protected TestServer startServer() {
        return EtcdServer.launch();
    }

    @Override
    protected ServiceBackend connect(TestServer server) {
        return new EtcdBackendProvider().create(Map.of("endpoints", "http://" + server.address(), "timeout", "5s"));
    }

    @Override
    protected Set<Capability> expectedCapabilities() {
        return Set.of(Capability.NATIVE_TTL, Capability.PUSH_WATCH, Capability.METADATA);
    }

    @Override
    public void writeRawEntry(String name, String id, String body) {
        new RawEtcd(server().address()).put(EtcdConfig.DEFAULT_PREFIX + "/" + name + "/" + id, body);
    }

    @Override
    public ServiceBackend client() {
        return backend;
    }
}
