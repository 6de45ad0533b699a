package dev.pilot.discovery.etcd;

import dev.pilot.discovery.tck.CapturedLog;
import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.testservers.EtcdServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * etcd with authentication on: a user whose role may read and write {@code /pilot/}. The
 * backend authenticates with user and password, renews its token when the server forgets it,
 * and says clearly what is wrong when the credentials are; no password ever shows.
 */
class EtcdAuthIT {

    private static final String PREFIX = "/pilot";
    private static final String USER = "pilot";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final String WRONG_PASSWORD = "wrong-" + UUID.randomUUID();
    private static final String ROOT_PASSWORD = "root-" + UUID.randomUUID();

    private static EtcdServer etcd;
    private final List<ServiceBackend> clients = new ArrayList<>();
    private CapturedLog log;

    @BeforeAll
    static void startEtcdWithAuth() {
        etcd = EtcdServer.launch();
        Etcdctl.at(etcd.address()).enableAuth(ROOT_PASSWORD, USER, PASSWORD, PREFIX + "/");
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void captureTheLog() {
        log = new CapturedLog();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ServiceBackend::close);
        log.close();
    }

    @Test
    void theRightCredentialsRegisterReadAndWatch() {
        ServiceBackend backend = client(USER, PASSWORD, PREFIX);
        ServiceBackend observer = client(USER, PASSWORD, PREFIX);
        ServiceDefinition web = service("web");
        RecordingListener listener = new RecordingListener();

        try (Watch ignored = observer.watch(web.name(), "", listener)) {
            backend.sendHeartbeat(web);

            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
            assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance());
            backend.deregister(web);
            await().atMost(PROMPTLY).until(() -> listener.last().isEmpty());
        }
        assertNoPasswordIn(log.text());
    }

    @Test
    void aWrongPasswordFailsWithAClearErrorThatHidesEveryPassword() {
        ServiceBackend backend = client(USER, WRONG_PASSWORD, PREFIX);

        assertThatThrownBy(() -> backend.sendHeartbeat(service("web")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("authenticate as user 'pilot'")
                .hasMessageContaining("authentication failed")
                .hasMessageContaining("check etcd.user and etcd.password")
                .satisfies(EtcdAuthIT::assertNoPasswordIn);
        assertThatThrownBy(() -> backend.instances("web", "")).isInstanceOf(DiscoveryException.class)
                .satisfies(EtcdAuthIT::assertNoPasswordIn);
        assertNoPasswordIn(log.text());
    }

    @Test
    void noCredentialsFailWithAHintToSetThem() {
        ServiceBackend backend = client(null, null, PREFIX);

        assertThatThrownBy(() -> backend.sendHeartbeat(service("web")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("user name is empty")
                .hasMessageContaining("set etcd.user and etcd.password");
    }

    @Test
    void aPrefixOutsideTheUsersRoleIsRefusedClearly() {
        ServiceBackend backend = client(USER, PASSWORD, "/elsewhere");

        assertThatThrownBy(() -> backend.sendHeartbeat(service("web")))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("write /elsewhere/web-")
                .hasMessageContaining("permission denied")
                .satisfies(EtcdAuthIT::assertNoPasswordIn);
    }

    @Test
    void aTokenTheServerForgotIsRenewedWithoutTheCallerNoticing() {
        ServiceBackend backend = client(USER, PASSWORD, PREFIX);
        ServiceBackend observer = client(USER, PASSWORD, PREFIX);
        ServiceDefinition first = service("api");
        ServiceDefinition second = new ServiceDefinition(first.name() + "-2", first.name(), 8081, first.ttl(), List.of(), "127.0.0.1");
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = observer.watch(first.name(), "", listener)) {
            backend.sendHeartbeat(first);
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(first.id())));

            etcd.restart(false); // simple tokens live in memory: every token is now invalid

            backend.sendHeartbeat(first);
            backend.sendHeartbeat(second);
            assertThat(observer.instances(first.name(), "")).containsExactly(first.toInstance(), second.toInstance());
            await().atMost(PROMPTLY.multipliedBy(5)).until(() -> listener.lastIds().equals(List.of(first.id(), second.id())));
        }
        assertNoPasswordIn(log.text());
    }

    private ServiceBackend client(String user, String password, String prefix) {
        Map<String, Object> config = new HashMap<>(Map.of("endpoints", "http://" + etcd.address(), "prefix", prefix));
        if (user != null) {
            config.put("user", user);
            config.put("password", password);
        }
        ServiceBackend client = new EtcdBackendProvider().create(config);
        clients.add(client);
        return client;
    }

    private static ServiceDefinition service(String base) {
        String name = base + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new ServiceDefinition(name + "-1", name, 8080, Duration.ofSeconds(30), List.of(), "127.0.0.1");
    }

    private static void assertNoPasswordIn(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertNoPasswordIn(String.valueOf(t.getMessage()));
        }
    }

    private static void assertNoPasswordIn(String text) {
        assertThat(text).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD).doesNotContain(ROOT_PASSWORD);
    }
}
