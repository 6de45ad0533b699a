package dev.pilot.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.Timing;
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
 * supplies the config value under its key, an independent client of the same catalog (the
 * observer) and a way to restart the catalog with its data wiped; every test uses service names
 * of its own.
 */
abstract class AgentEndToEndContract {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /** Generous: the agent's JVM starts on a busy 2-core machine. */
    static final Duration AGENT_START = Duration.ofSeconds(30);
    static final Duration PROMPTLY = Duration.ofSeconds(10);
    /**
     * For onChange after a peer registers: the contract's second for the watch plus a second for the
     * agent to start the command on a busy machine (measured at ~10 ms, BENCHMARKS.md).
     */
    static final Duration ON_CHANGE = Duration.ofSeconds(2);

    /** The backend's top-level key, e.g. {@code "local"}. */
    protected abstract String backendKey();

    /** The JSON value under {@link #backendKey()}. */
    protected abstract String backendConfigJson();

    /** A new client of the same catalog the agent uses. */
    protected abstract ServiceBackend connectObserver();

    /** Restarts the catalog with its data wiped; returns once it serves again. */
    protected abstract void restartCatalogWiped() throws Exception;

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
        AgentProcess agent = AgentProcess.start(backendKey(), AgentProcess.command(config, mainProcess), Map.of());
        agents.add(agent);
        return agent;
    }

    List<Instance> healthy(String name) {
        return observer.instances(name, "");
    }

    /** A service entry advertised on 127.0.0.1, checked every second. */
    static String serviceJson(String name, int port, String health, int ttl) {
        return """
                {"name": "%s", "port": %d, "health": %s, "poll": 1, "ttl": %d, "interfaces": ["static:127.0.0.1"]}"""
                .formatted(name, port, health, ttl);
    }

    static String alwaysHealthy(String name, int port, int ttl) {
        return serviceJson(name, port, "\"true\"", ttl);
    }

    @Test
    void serviceAppearsInTheCatalog() throws Exception {
        String web = service("web");
        startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 5) + "]"));

        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);
        Instance instance = healthy(web).getFirst();
        assertThat(instance.address()).isEqualTo("127.0.0.1");
        assertThat(instance.port()).isEqualTo(8080);
        assertThat(instance.id()).startsWith(web + "-");
    }

    @Test
    void aFailingHealthCheckTakesTheServiceOutWithinItsTtl() throws Exception {
        String web = service("web");
        Path healthy = Files.createFile(work.resolve("healthy"));
        startAgent(writeConfig("agent", "\"services\": ["
                + serviceJson(web, 8080, "[\"test\", \"-f\", \"" + healthy + "\"]", 2) + "]"));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        Files.delete(healthy);

        await().atMost(Duration.ofSeconds(2 + 1 + 5)).until(() -> healthy(web).isEmpty());
    }

    @Test
    void onChangeRunsAfterAPeerRegisters() throws Exception {
        String web = service("web");
        String db = service("db");
        Path marker = work.resolve("db-changed");
        startAgent(writeConfig("agent", """
                "services": [%s],
                "backends": [{"name": "%s", "poll": 1, "onChange": ["touch", "%s"]}]
                """.formatted(alwaysHealthy(web, 8080, 5), db, marker)));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);
        assertThat(marker).as("no db instance yet, so no onChange").doesNotExist();

        observer.instances(db, ""); // the observer's first request pays for its own warm-up, not the agent's
        observer.sendHeartbeat(new ServiceDefinition(db + "-peer", db, 5432, Duration.ofSeconds(30), List.of(), "127.0.0.1"));
        long registered = System.nanoTime();

        await().atMost(ON_CHANGE).pollInterval(Duration.ofMillis(5)).until(() -> Files.exists(marker));
        System.out.printf("[%s] onChange ran %d ms after the peer registered%n", getClass().getSimpleName(),
                (System.nanoTime() - registered) / 1_000_000);
    }

    @Test
    void sighupReloadAddsAService() throws Exception {
        String web = service("web");
        String api = service("api");
        AgentProcess agent = startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 5) + "]"));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 5) + ", " + alwaysHealthy(api, 9090, 5) + "]");
        agent.signal("HUP");

        await().atMost(PROMPTLY).until(() -> healthy(api).size() == 1);
        assertThat(healthy(web)).as("the unchanged service stays registered").hasSize(1);
    }

    @Test
    void sigusr1TakesServicesOutAndBringsThemBack() throws Exception {
        String web = service("web");
        AgentProcess agent = startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 30) + "]"));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        agent.signal("USR1");
        await().atMost(PROMPTLY).until(() -> healthy(web).isEmpty());

        agent.signal("USR1");
        await().atMost(PROMPTLY).until(() -> healthy(web).size() == 1);
    }

    @Test
    void sigtermRunsPreStopDeregistersStopsTheMainProcessRunsPostStopAndExitsWithItsCode() throws Exception {
        String web = service("web");
        Path log = work.resolve("order.log");
        String main = "trap 'echo main >> " + log + "; exit 3' TERM; while :; do sleep 0.1; done";
        AgentProcess agent = startAgent(writeConfig("agent", """
                "services": [%s],
                "preStop": ["sh", "-c", "echo preStop >> %s"],
                "postStop": ["sh", "-c", "echo postStop >> %s"],
                "stopTimeout": 10
                """.formatted(alwaysHealthy(web, 8080, 30), log, log)), "sh", "-c", main);
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        agent.signal("TERM");

        assertThat(agent.awaitExit(PROMPTLY)).as("the main process's exit code").isEqualTo(3);
        assertThat(Files.readAllLines(log)).containsExactly("preStop", "main", "postStop");
        assertThat(healthy(web)).as("deregistered at once, not after the 30 s TTL").isEmpty();
    }

    @Test
    void aMainProcessThatIgnoresSigtermIsKilledAfterStopTimeout() throws Exception {
        String web = service("web");
        AgentProcess agent = startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 30)
                + "], \"stopTimeout\": 1"), "sh", "-c", "trap '' TERM; while :; do sleep 0.1; done");
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        agent.signal("TERM");

        assertThat(agent.awaitExit(PROMPTLY)).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(healthy(web)).isEmpty();
    }

    @Test
    void aMainProcessThatExitsEndsTheAgentWithItsCode() throws Exception {
        String web = service("web");
        Path done = work.resolve("done");
        AgentProcess agent = startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 30) + "]"),
                "sh", "-c", "while [ ! -f " + done + " ]; do sleep 0.1; done; exit 7");
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        Files.createFile(done);

        assertThat(agent.awaitExit(PROMPTLY)).isEqualTo(7);
        assertThat(healthy(web)).as("a main process that ended takes its services with it").isEmpty();
    }

    @Test
    void afterTheCatalogRestartsWithItsDataWipedTheServiceIsBackWithinOneTtl() throws Exception {
        String web = service("web");
        int ttl = 5;
        startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, ttl) + "]"));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        restartCatalogWiped();

        // A fresh client knows no set, so a failed read throws instead of serving the one from before the restart.
        try (ServiceBackend fresh = connectObserver()) {
            // one TTL of the contract, stretched as every limit of it is on a busy machine
            await().atMost(Timing.stretch(Duration.ofSeconds(ttl))).ignoreExceptions().until(() -> fresh.instances(web, "").size() == 1);
        }
    }

    @Test
    void sigtermWithoutAMainProcessDeregistersAndExitsZero() throws Exception {
        String web = service("web");
        AgentProcess agent = startAgent(writeConfig("agent", "\"services\": [" + alwaysHealthy(web, 8080, 30) + "]"));
        await().atMost(AGENT_START).until(() -> healthy(web).size() == 1);

        agent.signal("TERM");

        assertThat(agent.awaitExit(PROMPTLY)).isZero();
        assertThat(healthy(web)).isEmpty();
    }
}
