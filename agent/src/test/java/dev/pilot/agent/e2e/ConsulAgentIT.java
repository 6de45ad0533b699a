package dev.pilot.agent.e2e;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.discovery.tck.servers.ServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;

/** The agent end to end on a real Consul dev agent (one per class), configured as ContainerPilot's string form. */
class ConsulAgentIT extends AgentEndToEndContract {

    @RegisterExtension
    static final ServerExtension<ConsulServer> CONSUL = ServerExtension.of(ConsulServer::launch);

    @Override
    protected String backendKey() {
        return "consul";
    }

    @Override
    protected String backendConfigJson() {
        return "\"" + CONSUL.server().address() + "\"";
    }

    @Override
    protected ServiceBackend connectObserver() {
        return Backends.fromClassPath().create("consul", CONSUL.server().address());
    }

    @Override
    protected void restartCatalogWiped() {
        CONSUL.server().restart(true);
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
                """.formatted(CONSUL.server().address(), web));
        startAgent(config);

        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);
    }
}
