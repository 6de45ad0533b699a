package dev.pilot.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent end to end, as a separate OS process, against one backend's real catalog. A backend
 * supplies the config value under its key and an independent client of the same catalog (the
 * observer); every test uses service names of its own.
 */
abstract class AgentEndToEndContract {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Generous: the agent's JVM starts on a busy 2-core machine. */
    static final Duration AGENT_START = Duration.ofSeconds(30);
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    /** The backend's top-level key, e.g. {@code "local"}. */
    protected abstract String backendKey();

    /** The JSON value under {@link #backendKey()}. */
    protected abstract String backendConfigJson();

    /** A new client of the same catalog the agent uses. */
    protected abstract ServiceBackend connectObserver();

    @TempDir
    Path work;
    ServiceBackend observer;
    final List<AgentProcess> agents = new ArrayList<>();
    String prefix;

    @BeforeEach
    final void connect() {
        observer = connectObserver();
        prefix = "e2e" + ProcessHandle.current().pid() % 10000 + "x" + SEQUENCE.incrementAndGet();
    }

    @AfterEach
    final void stopAgents() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
        observer.close();
    }

    String service(String suffix) {
        return prefix + "-" + suffix;
    }

    Path writeConfig(String name, String body) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, "{\"" + backendKey() + "\": " + backendConfigJson() + ",\n" + body + "}");
        return file;
    }

    AgentProcess startAgent(Path config, String... mainProcess) throws IOException {
        AgentProcess agent = AgentProcess.start(config.getFileName().toString(), AgentProcess.command(config, mainProcess), Map.of());
        agents.add(agent);
        return agent;
    }

    List<Instance> healthy(String name) {
        return observer.instances(name, "");
    }

    /** A service entry: always healthy, advertised on 127.0.0.1. */
    static String serviceJson(String name, int port, String health, int ttl) {
        return """
                {"name": "%s", "port": %d, "health": %s, "poll": 1, "ttl": %d, "interfaces": ["static:127.0.0.1"]}"""
                .formatted(name, port, health, ttl);
    }

    @Test
    void serviceAppearsInTheCatalog() throws Exception {
        String web = service("web");
        startAgent(writeConfig("agent", "\"services\": [" + serviceJson(web, 8080, "\"true\"", 5) + "]"));

        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);
        Instance instance = healthy(web).getFirst();
        assertThat(instance.address()).isEqualTo("127.0.0.1");
        assertThat(instance.port()).isEqualTo(8080);
        assertThat(instance.id()).startsWith(web + "-");
    }

    @Test
    void onChangeRunsAfterAPeerRegisters() throws Exception {
        String web = service("web");
        String db = service("db");
        Path marker = work.resolve("db-changed");
        startAgent(writeConfig("agent", """
                "services": [%s],
                "backends": [{"name": "%s", "poll": 1, "onChange": ["touch", "%s"]}]
                """.formatted(serviceJson(web, 8080, "\"true\"", 5), db, marker)));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);
        assertThat(marker).as("no db instance yet, so no onChange").doesNotExist();

        observer.sendHeartbeat(new ServiceDefinition(db + "-peer", db, 5432, Duration.ofSeconds(30), List.of(), "127.0.0.1"));

        await().atMost(PROMPTLY).until(() -> Files.exists(marker));
    }

    @Test
    void sigtermDeregistersAndStopsTheMainProcess() throws Exception {
        String web = service("web");
        AgentProcess agent = startAgent(writeConfig("agent",
                "\"services\": [" + serviceJson(web, 8080, "\"true\"", 30) + "]"), "sleep", "600");
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        agent.signal("TERM");

        int code = agent.awaitExit(PROMPTLY);
        assertThat(code).as("the main process's code: killed by SIGTERM").isEqualTo(128 + 15);
        assertThat(healthy(web)).as("deregistered at once, not after the 30 s TTL").isEmpty();
    }
}
