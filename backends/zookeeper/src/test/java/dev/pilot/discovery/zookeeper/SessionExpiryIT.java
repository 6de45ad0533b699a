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
import dev.pilot.testservers.ZooKeeperServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A session the ensemble ends (it stopped hearing from us) takes our ephemeral nodes with it;
 * a connection that only drops for a while does not, and neither is "every upstream vanished".
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionExpiryIT {

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(ZooKeeperServer::launch);

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private ServiceBackend backend;
    private ServiceBackend observer;

    @BeforeEach
    void connect() {
        backend = connect(ZOOKEEPER.server().address());
        observer = connect(ZOOKEEPER.server().address());
    }

    @AfterEach
    void disconnect() {
        backend.close();
        observer.close();
    }

    @Test
    void afterTheSessionExpiresTheRegistrationAndTheWatchRecover() throws Exception {
        String name = uniqueName("web");
        ServiceDefinition web = service(name, 8080);
        backend.sendHeartbeat(web);
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = backend.watch(name, "", listener)) {
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
            long oldSession = Sessions.id(backend);

            Sessions.expireOnServer(backend, ZOOKEEPER.server().address());

            await().atMost(RECOVERY).ignoreExceptions().until(() -> Sessions.id(backend) != oldSession);
            backend.sendHeartbeat(web);
            assertThat(observer.instances(name, "")).containsExactly(web.toInstance());

            ServiceDefinition peer = service(name, 8081);
            observer.sendHeartbeat(peer);
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id(), peer.id())));
        }
    }

    @Test
    void theNodeOfAnExpiredSessionIsReplacedByOneOfTheNewSession() throws Exception {
        String name = uniqueName("web");
        ServiceDefinition web = service(name, 8080);
        backend.sendHeartbeat(web);
        long oldSession = Sessions.id(backend);

        Sessions.expireOnServer(backend, ZOOKEEPER.server().address());
        await().atMost(RECOVERY).ignoreExceptions().until(() -> Sessions.id(backend) != oldSession);
        backend.sendHeartbeat(web);

        try (RawZooKeeper raw = RawZooKeeper.connect(ZOOKEEPER.server().address())) {
            long owner = raw.curator().checkExists().forPath(ZooKeeperConfig.DEFAULT_PREFIX + "/" + name + "/" + web.id())
                    .getEphemeralOwner();
            assertThat(owner).isEqualTo(Sessions.id(backend)).isNotEqualTo(oldSession);
        }
    }

    @Test
    void aDroppedConnectionIsNotAChangeOfTheUpstreams() throws Exception {
        String name = uniqueName("db");
        ServiceDefinition db = service(name, 5432);
        observer.sendHeartbeat(db);
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = backend.watch(name, "", listener)) {
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));
            long session = Sessions.id(backend);

            ZOOKEEPER.server().stop(); // the connection drops; shorter than the session timeout, so the session lives
            ZOOKEEPER.server().start();

            ServiceDefinition later = service(name, 5433);
            await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> observer.sendHeartbeat(later));
            await().atMost(RECOVERY).until(() -> listener.lastIds().equals(List.of(db.id(), later.id())));
            assertThat(listener.deliveries()).allSatisfy(set -> assertThat(ids(set)).contains(db.id()));
            assertThat(Sessions.id(backend)).isEqualTo(session);
        }
    }

    /**
     * A client whose session outlives a server restart on a busy machine (10 s, the most a
     * 500 ms tick allows), so that only the tests that mean to end a session do.
     */
    static ServiceBackend connect(String address) {
        return ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(address)
                .withTimeouts(SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT));
    }

    static String uniqueName(String base) {
        return base + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    static ServiceDefinition service(String name, int port, String... tags) {
        return new ServiceDefinition(name + "-" + port, name, port, Duration.ofSeconds(30), List.of(tags), "127.0.0.1");
    }

    static List<String> ids(List<dev.pilot.discovery.Instance> instances) {
        return instances.stream().map(dev.pilot.discovery.Instance::id).toList();
    }
}
