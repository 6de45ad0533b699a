package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.servers.EtcdServer;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The agent end to end on a real single-node etcd (one per class), configured as ContainerPilot's etcd block. */
class EtcdAgentIT extends AgentEndToEndContract {

    private static EtcdServer etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdServer.launch();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Override
    protected String backendKey() {
        return "etcd";
    }

    @Override
    protected String backendConfigJson() {
        return "{\"endpoints\": [\"http://" + etcd.address() + "\"], \"prefix\": \"/containerpilot\"}";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("etcd", Map.of("endpoints", "http://" + etcd.address()));
    }

    @Override
    protected void restartCatalogWiped() {
        etcd.restart(true);
    }
}
