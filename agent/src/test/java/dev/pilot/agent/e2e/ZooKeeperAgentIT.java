package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperServer;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The agent end to end on a real ZooKeeper server (its own process, one per class; the agent connects
 * over TCP), with the backend's default session timeout (10 s): a server whose data was wiped
 * refuses the client's old session, and the backend starts a new one as soon as the server serves
 * again, not after that timeout, so the agent is back within one TTL.
 */
class ZooKeeperAgentIT extends AgentEndToEndContract {

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(ZooKeeperServer::launch);

    @Override
    protected String backendKey() {
        return "zookeeper";
    }

    @Override
    protected String backendConfigJson() {
        return "{\"address\": \"" + ZOOKEEPER.server().address() + "\"}";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("zookeeper", Map.of("address", ZOOKEEPER.server().address()));
    }

    @Override
    protected void restartCatalogWiped() {
        ZOOKEEPER.server().restart(true);
    }
}
