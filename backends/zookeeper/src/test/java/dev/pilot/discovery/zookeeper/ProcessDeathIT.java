package dev.pilot.discovery.zookeeper;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static dev.pilot.discovery.tck.Timing.TTL_GRACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two halves of the TTL mechanism: while the session lives, the writer's own timer expires an
 * instance whose heartbeats stopped; when the process ends, its session ends and takes the
 * ephemeral node along: at once when the process exits or closes the backend, within the session
 * timeout when it is killed outright.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessDeathIT {

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(ZooKeeperServer::launch);

    private static final Duration PEER_SESSION_TIMEOUT = Duration.ofSeconds(4);
    /** A JVM takes a while to start on a busy machine. */
    private static final Duration PEER_START = Duration.ofSeconds(60);

    @Test
    void anInstanceWhoseHeartbeatsStopIsDeletedWhileItsSessionLives() throws Exception {
        String name = SessionExpiryIT.uniqueName("web");
        ServiceDefinition web = new ServiceDefinition(name + "-1", name, 8080, Duration.ofSeconds(2), List.of(), "127.0.0.1");
        String path = ZooKeeperConfig.DEFAULT_PREFIX + "/" + web.name() + "/" + web.id();
        try (ServiceBackend backend = SessionExpiryIT.connect(ZOOKEEPER.server().address());
             RawZooKeeper raw = RawZooKeeper.connect(ZOOKEEPER.server().address())) {
            backend.sendHeartbeat(web);
            long session = Sessions.id(backend);
            assertThat(raw.get(path)).isPresent();

            await().atMost(web.ttl().plus(TTL_GRACE)).until(() -> raw.get(path).isEmpty());
            assertThat(Sessions.id(backend)).as("the session is the same: the TTL, not the session, removed the node")
                    .isEqualTo(session);
        }
    }

    @Test
    void closingTheBackendRemovesItsInstancesAtOnce() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        try (ServiceBackend observer = SessionExpiryIT.connect(ZOOKEEPER.server().address())) {
            ServiceBackend backend = SessionExpiryIT.connect(ZOOKEEPER.server().address());
            backend.sendHeartbeat(web);
            assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance());

            backend.close();

            await().atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").isEmpty());
        }
    }

    @Test
    void aProcessThatExitsTakesItsInstanceAlongAtOnce() throws Exception {
        String name = SessionExpiryIT.uniqueName("peer");
        Process peer = startPeer(name, name + "-1");
        try (ServiceBackend observer = SessionExpiryIT.connect(ZOOKEEPER.server().address())) {
            assertThat(observer.instances(name, "")).extracting(dev.pilot.discovery.Instance::id).containsExactly(name + "-1");

            peer.destroy(); // SIGTERM: the JVM runs its exit hooks
            peer.waitFor();

            await().atMost(PROMPTLY).until(() -> observer.instances(name, "").isEmpty());
        } finally {
            peer.destroyForcibly();
        }
    }

    @Test
    void aKilledProcessLeavesWithinTheSessionTimeout() throws Exception {
        String name = SessionExpiryIT.uniqueName("peer");
        Process peer = startPeer(name, name + "-1");
        try (ServiceBackend observer = SessionExpiryIT.connect(ZOOKEEPER.server().address())) {
            assertThat(observer.instances(name, "")).hasSize(1);

            peer.destroyForcibly().waitFor(); // SIGKILL: no exit hooks; the ensemble notices the silence

            await().atMost(PEER_SESSION_TIMEOUT.plus(TTL_GRACE)).until(() -> observer.instances(name, "").isEmpty());
        } finally {
            peer.destroyForcibly();
        }
    }

    /** Starts a {@link PeerProcess} and returns once it has registered. */
    private Process startPeer(String name, String id) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                PeerProcess.class.getName(), ZOOKEEPER.server().address(), name, id, String.valueOf(PEER_SESSION_TIMEOUT.toMillis()))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Threads.start("peer-output", () -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (java.io.IOException ignored) {
                // the peer was killed
            }
        });
        await().atMost(PEER_START).until(() -> lines.contains("registered") || !process.isAlive());
        assertThat(process.isAlive()).as("the peer process runs").isTrue();
        return process;
    }
}
