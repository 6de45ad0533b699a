package dev.pilot.agent.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator's mistakes and a catalog that cannot be reached do to the agent, run as a
 * separate process: no secret is printed at any level, and what the catalog cannot store is one
 * line at start, never a stack trace at shutdown.
 */
class AgentHardeningIT {

    private static final Duration AGENT_START = AgentEndToEndContract.AGENT_START;
    private static final String CONSUL_TOKEN = "c0nsul-T0ken-7f3a";
    private static final String ETCD_PASSWORD = "etcd-Passw0rd-91bd";

    @TempDir
    Path work;
    private final List<AgentProcess> agents = new ArrayList<>();

    @AfterEach
    void stopAgents() throws InterruptedException {
        for (AgentProcess agent : agents) {
            agent.close();
        }
    }

    private AgentProcess start(String json) throws IOException {
        Path file = work.resolve("agent-" + agents.size() + ".json");
        Files.writeString(file, json);
        AgentProcess agent = AgentProcess.start("hardening", AgentProcess.command(file), Map.of());
        agents.add(agent);
        return agent;
    }

    /** A loopback port nothing listens on: every request to it is refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String service() {
        return "\"services\": [{\"name\": \"app\", \"port\": 8080, \"poll\": 1, \"ttl\": 5, \"interfaces\": [\"static:127.0.0.1\"]}]";
    }

    @Test
    void noSecretIsPrintedAtDebugAndTheTrustStoreIsNotDumped() throws Exception {
        int port = closedPort();
        AgentProcess consul = start("{\"consul\": {\"address\": \"127.0.0.1:" + port + "\", \"token\": \"" + CONSUL_TOKEN
                + "\"}, \"logging\": {\"level\": \"DEBUG\"}, " + service() + "}");
        AgentProcess etcd = start("{\"etcd\": {\"endpoints\": \"http://127.0.0.1:" + port + "\", \"user\": \"root\", "
                + "\"password\": \"" + ETCD_PASSWORD + "\"}, \"logging\": {\"level\": \"DEBUG\"}, " + service() + "}");

        for (AgentProcess agent : List.of(consul, etcd)) {
            await().atMost(AGENT_START).until(() -> agent.printed("app: heartbeat failed"));
            agent.signal("TERM");
            agent.awaitExit(AGENT_START);
            assertThat(agent.printed("Loaded config:")).as("the config is echoed at DEBUG").isTrue();
            assertThat(agent.output()).noneMatch(line -> line.contains(CONSUL_TOKEN) || line.contains(ETCD_PASSWORD))
                    .noneMatch(line -> line.contains("X509Certificate"));
        }
    }

    @Test
    void theFirstHeartbeatFailureIsLoggedOnce() throws Exception {
        try (HangingUp catalog = new HangingUp()) {
            AgentProcess agent = start("{\"consul\": \"127.0.0.1:" + catalog.port() + "\", " + service() + "}");

            await().atMost(AGENT_START).until(() -> agent.printed("app: heartbeat failed"));
            // three more failed heartbeats: an attempt fails at its first request, and makes at most
            // two connections (the HTTP client may retry a request once), so 8 more connections mean
            // 4 more attempts started, one after the other, and the 3 before the last have failed
            int seen = catalog.connections();
            await().atMost(AGENT_START.plusSeconds(10)).until(() -> catalog.connections() >= seen + 8);
            agent.signal("TERM");
            agent.awaitExit(AGENT_START);

            assertThat(agent.output().stream().filter(line -> line.contains("heartbeat") && line.contains("failed")))
                    .as("retried every second, logged once").hasSize(1);
        }
    }

    /** A catalog on 127.0.0.1 that accepts every connection and closes it at once, counting them. */
    private static final class HangingUp implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicInteger connections = new AtomicInteger();
        private final Thread acceptor = Thread.ofVirtual().name("hanging-up-catalog").start(this::acceptAndClose);

        HangingUp() throws IOException {
        }

        int port() {
            return listener.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        private void acceptAndClose() {
            while (!listener.isClosed()) {
                try (Socket connection = listener.accept()) {
                    connections.incrementAndGet();
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            listener.close();
            acceptor.join();
        }
    }

    @Test
    void anUpstreamTheCatalogCannotStoreIsOneLineAtStart() throws Exception {
        AgentProcess agent = start("{\"local\": \"" + work.resolve("catalog") + "\", \"backends\": [{\"name\": \"a/b\", "
                + "\"poll\": 1, \"onChange\": \"true\"}]}");

        assertThat(agent.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(agent.output()).singleElement().asString().endsWith("configuration error: backends[0].name: expected a "
                + "name usable as a file name (no '/', no NUL, not starting with '.'), got \"a/b\"");
    }

    @Test
    void anUpstreamAServerCatalogCannotStoreIsOneLineAtStartBeforeAnyRequest() throws Exception {
        // nothing listens on the port: the name is refused before the agent talks to Consul
        AgentProcess agent = start("{\"consul\": \"127.0.0.1:" + closedPort() + "\", \"backends\": [{\"name\": \"a/b\", "
                + "\"poll\": 1, \"onChange\": \"true\"}]}");

        assertThat(agent.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(agent.output()).singleElement().asString().endsWith("configuration error: backends[0].name: expected a "
                + "name usable as one path segment (not empty, not '.' or '..', no '/', '?', '#' or control character), "
                + "got \"a/b\"");
    }

    @Test
    void aServiceNameTheCatalogCannotStoreIsOneLineAtStart() throws Exception {
        AgentProcess agent = start("{\"local\": \"" + work.resolve("catalog") + "\", \"services\": [{\"name\": \"../x\", "
                + "\"port\": 80, \"poll\": 1, \"ttl\": 3, \"interfaces\": [\"static:127.0.0.1\"]}]}");

        assertThat(agent.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(agent.output()).filteredOn(line -> !line.contains("not a valid DNS label")).singleElement().asString()
                .endsWith("configuration error: services[0].name: expected a name usable as a file name (no '/', no NUL, "
                        + "not starting with '.'), got \"../x\"");
    }

    @Test
    void aCommandWithANulAndACatalogDirectoryThatIsAFileAreOneLineAtStart() throws Exception {
        Path file = Files.writeString(work.resolve("catalog"), "x");
        AgentProcess nul = start("{\"local\": \"" + work.resolve("c") + "\", \"postStop\": \"a\\u0000b\"}");
        AgentProcess notDirectory = start("{\"local\": \"" + file + "\"}");

        assertThat(nul.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(nul.output()).singleElement().asString()
                .endsWith("configuration error: postStop: expected a command without NUL characters, got \"a\\u0000b\"");
        assertThat(notDirectory.awaitExit(AGENT_START)).isEqualTo(1);
        assertThat(notDirectory.output()).singleElement().asString()
                .endsWith("configuration error: local: expected a directory, got " + file + ", which is a file");
    }

    @Test
    void aReloadWithANameTheCatalogCannotStoreKeepsTheRunningConfiguration() throws Exception {
        Path file = work.resolve("reload.json");
        String catalog = "\"local\": \"" + work.resolve("catalog") + "\"";
        Files.writeString(file, "{" + catalog + ", " + service() + "}");
        AgentProcess agent = AgentProcess.start("hardening", AgentProcess.command(file), Map.of());
        agents.add(agent);
        await().atMost(AGENT_START).until(() -> agent.printed("app: registered"));

        Files.writeString(file, "{" + catalog + ", \"logging\": {\"level\": \"DEBUG\"}, " + service()
                + ", \"backends\": [{\"name\": \"a/b\", \"poll\": 1, \"onChange\": \"true\"}]}");
        agent.signal("HUP");

        await().atMost(AGENT_START).until(() -> agent.printed("reload: keeping the running configuration: backends[0].name:"));
        assertThat(agent.isAlive()).isTrue();
        assertThat(agent.printed("Loaded config:")).as("DEBUG of the refused configuration not applied").isFalse();
        assertThat(Files.exists(work.resolve("catalog/app"))).isTrue();
    }
}
