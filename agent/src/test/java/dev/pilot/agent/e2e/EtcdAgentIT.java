package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.discovery.tck.servers.ServerExtension;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The agent end to end on a real single-node etcd (one per class), configured as ContainerPilot's etcd block. */
class EtcdAgentIT extends AgentEndToEndContract {

    @RegisterExtension
    static final ServerExtension<EtcdServer> ETCD = ServerExtension.of(EtcdServer::launch);

    @Override
    protected String backendKey() {
        return "etcd";
    }

    @Override
    protected String backendConfigJson() {
        return "{\"endpoints\": [\"http://" + ETCD.server().address() + "\"], \"prefix\": \"/containerpilot\"}";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("etcd", Map.of("endpoints", "http://" + ETCD.server().address()));
    }

    @Override
    protected void restartCatalogWiped() {
        ETCD.server().restart(true);
    }
}
