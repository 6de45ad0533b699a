package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.servers.ZooKeeperServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The agent end to end on a real ZooKeeper server (in this JVM, one per class; the agent connects
 * over TCP). A server whose data was wiped refuses the client's old session until the client gives
 * it up after its session timeout, so the agent runs with a 2 s session timeout to be back within
 * one TTL.
 */
class ZooKeeperAgentIT extends AgentEndToEndContract {

    private static ZooKeeperServer zookeeper;

    @BeforeAll
    static void startZooKeeper() {
        zookeeper = ZooKeeperServer.launch();
    }

    @AfterAll
    static void stopZooKeeper() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Override
    protected String backendKey() {
        return "zookeeper";
    }

    @Override
    protected String backendConfigJson() {
        return "{\"address\": \"" + zookeeper.address() + "\", \"sessionTimeout\": \"2s\"}";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("zookeeper", Map.of("address", zookeeper.address(), "sessionTimeout", "2s"));
    }

    @Override
    protected void restartCatalogWiped() {
        zookeeper.restart(true);
    }
}
