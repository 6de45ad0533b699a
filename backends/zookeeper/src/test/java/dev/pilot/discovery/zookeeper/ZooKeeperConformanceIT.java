package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.ServerBackendConformanceSuite;
import dev.pilot.discovery.tck.MalformedEntriesContract;
import dev.pilot.testservers.TestServer;
import dev.pilot.testservers.ZooKeeperServer;
import java.time.Duration;
import java.util.Set;

/** The backend contract against a real standalone ZooKeeper server. */
class ZooKeeperConformanceIT extends ServerBackendConformanceSuite implements MalformedEntriesContract {

    /** Short enough that a test outliving a session sees Curator start a new one. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
    /** The suite's limit for requests is 5 s; 2 s keeps its outage tests short. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);

    @Override
    protected TestServer startServer() {
        return ZooKeeperServer.launch();
    }

    @Override
    protected ServiceBackend connect(TestServer server) {
        return ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(server.address()).withTimeouts(SESSION_TIMEOUT, REQUEST_TIMEOUT));
    }

    @Override
    protected Set<Capability> expectedCapabilities() {
        return Set.of(Capability.PUSH_WATCH, Capability.METADATA);
    }

    @Override
    protected Duration requestTimeout() {
        return REQUEST_TIMEOUT;
    }

    @Override
    protected Duration sessionTimeout() {
        return SESSION_TIMEOUT;
    }

    /** Instance nodes are ephemeral: close() ends the session, and the ensemble removes them. */
    @Override
    protected boolean registrationsEndWithTheSession() {
        return true;
    }

    @Override
    public void writeRawEntry(String name, String id, String body) throws Exception {
        try (RawZooKeeper raw = RawZooKeeper.connect(server().address())) {
            raw.put(ZooKeeperConfig.DEFAULT_PREFIX + "/" + name + "/" + id, body);
        }
    }

    @Override
    public ServiceBackend client() {
        return backend;
    }
}
