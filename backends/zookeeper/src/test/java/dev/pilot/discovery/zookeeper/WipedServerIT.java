package dev.pilot.discovery.zookeeper;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static dev.pilot.discovery.tck.Timing.RECOVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperOptions;
import dev.pilot.testservers.ZooKeeperServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that comes back wiped knows neither the client's session nor the transactions the
 * client has seen, and refuses the old session for as long as the client offers it. The backend
 * must start a new session as soon as the server serves, not after its session timeout: here 60 s,
 * so waiting for it fails the bound of {@link dev.pilot.discovery.tck.Timing#RECOVERY} by far.
 */
class WipedServerIT {

    /** Far longer than {@code RECOVERY}, and allowed by the server (its default maximum is 20 ticks, 10 s). */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(() -> ZooKeeperServer.launch(
            ZooKeeperOptions.defaults().withConfig("maxSessionTimeout", String.valueOf(2 * SESSION_TIMEOUT.toMillis()))));

    @Test
    void registrationsAndWatchesComeBackWithoutAHeartbeatLongBeforeTheOldSessionTimesOut() throws Exception {
        String name = SessionExpiryIT.uniqueName("web");
        ServiceDefinition web = new ServiceDefinition(name + "-1", name, 8080, Duration.ofMinutes(5), List.of(), "127.0.0.1");
        try (ServiceBackend backend = connect(); ServiceBackend peer = connect()) {
            backend.sendHeartbeat(web);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = backend.watch(name, "", listener)) {
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
                long oldSession = Sessions.id(backend);
                // More history than the wiped server will have soon after it is back, as in any
                // catalog that has run a while: the backend must notice the loss itself (its
                // WipedEnsembleDetector), not wait for the server to tell it the session expired.
                for (int i = 0; i < 40; i++) {
                    backend.sendHeartbeat(new ServiceDefinition(web.id(), name, 9000 + i, web.ttl(), List.of(), "127.0.0.1"));
                }
                backend.sendHeartbeat(web);

                ZOOKEEPER.server().restart(true);
                long restarted = System.nanoTime();

                // A fresh client knows no session and sees only what the wiped server holds.
                try (ServiceBackend fresh = connect()) {
                    await("the registration written again by the backend itself").atMost(RECOVERY)
                            .pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                            .until(() -> fresh.instances(name, "").equals(List.of(web.toInstance())));
                    System.out.printf("[WipedServerIT] registered again %d ms after the wiped server served%n",
                            Duration.ofNanos(System.nanoTime() - restarted).toMillis());
                }
                assertThat(Sessions.id(backend)).as("a new session").isNotEqualTo(oldSession);

                ServiceDefinition other = new ServiceDefinition(name + "-2", name, 8081, Duration.ofMinutes(5), List.of(), "127.0.0.1");
                await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> peer.sendHeartbeat(other));
                await("the watch alive on the new session").atMost(PROMPTLY)
                        .until(() -> listener.lastIds().equals(List.of(web.id(), other.id())));
            }
        }
    }

    private static ServiceBackend connect() {
        return ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(ZOOKEEPER.server().address())
                .withTimeouts(SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT));
    }
}
