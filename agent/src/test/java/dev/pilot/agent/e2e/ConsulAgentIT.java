package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.servers.ConsulServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;

/** The agent end to end on a real Consul dev agent (one per class), configured as ContainerPilot's string form. */
class ConsulAgentIT extends AgentEndToEndContract {

    private static ConsulServer consul;

    @BeforeAll
    static void startConsul() {
        consul = ConsulServer.launch();
    }

    @AfterAll
    static void stopConsul() {
        if (consul != null) {
            consul.close();
        }
    }

    @Override
    protected String backendKey() {
        return "consul";
    }

    @Override
    protected String backendConfigJson() {
        return "\"" + consul.address() + "\"";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("consul", consul.address());
    }

    @Override
    protected void restartCatalogWiped() {
        consul.restart(true);
    }

    @Test
    void theObjectFormWithContainerPilotsServiceOptionsRuns() throws Exception {
        String web = service("web");
        Path config = work.resolve("object-form.json");
        Files.writeString(config, """
                {"consul": {"address": "%s", "scheme": "http"},
                 "services": [{"name": "%s", "port": 8080, "health": "true", "poll": 1, "ttl": 5,
                               "interfaces": ["static:127.0.0.1"],
                               "consul": {"enableTagOverride": true, "deregisterCriticalServiceAfter": "10m"}}]}
                """.formatted(consul.address(), web));
        startAgent(config);

        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);
    }
}
