package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static dev.pilot.discovery.tck.Timing.REQUEST_TIMEOUT;
import static dev.pilot.discovery.tck.Timing.TTL_GRACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.testservers.EtcdOptions;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * etcd serving only HTTPS with a certificate from a CA the test makes, and verifying client
 * certificates ({@code --client-cert-auth}): the backend connects with the CA and a client
 * certificate, and fails clearly without them.
 */
class EtcdTlsIT {

    @TempDir
    static Path directory;
    private static TestCertificates certificates;
    private static EtcdServer etcd;
    private final List<ServiceBackend> clients = new ArrayList<>();

    @BeforeAll
    static void startEtcdWithTls() {
        certificates = TestCertificates.authority(directory, "pilot-test-ca");
        etcd = EtcdServer.launch(EtcdOptions.defaults().withHttps().withExtraArgs(
                "--cert-file", certificates.issue("server").certFile().toString(), "--key-file", certificates.issue("server").keyFile().toString(),
                "--trusted-ca-file", certificates.ca().toString(), "--client-cert-auth"));
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(ServiceBackend::close);
    }

    @Test
    void theCaAndAClientCertificateRegisterReadAndWatch() {
        Map<String, Object> tls = Map.of("caFile", certificates.ca().toString(),
                "certFile", certificates.issue("client").certFile().toString(), "keyFile", certificates.issue("client").keyFile().toString());
        ServiceBackend backend = client(tls);
        ServiceBackend observer = client(tls);
        ServiceDefinition web = service();
        RecordingListener listener = new RecordingListener();

        try (Watch ignored = observer.watch(web.name(), "", listener)) {
            backend.sendHeartbeat(web);

            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
            assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance());
        }
        assertThat(etcd.uri().getScheme()).isEqualTo("https");
    }

    @Test
    void withoutAClientCertificateTheServerRefusesAndTheErrorSaysTls() {
        ServiceBackend backend = client(Map.of("caFile", certificates.ca().toString()));

        long start = System.nanoTime();
        assertThatThrownBy(() -> backend.sendHeartbeat(service()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("etcd at " + etcd.address())
                .hasMessageContaining("TLS");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(REQUEST_TIMEOUT.plus(TTL_GRACE));
    }

    @Test
    void aServerCertificateFromAnotherCaIsNotTrusted() {
        ServiceBackend backend = client(Map.of("caFile", TestCertificates.authority(directory.resolve("stranger"), "stranger-ca").ca().toString(),
                "certFile", certificates.issue("client").certFile().toString(), "keyFile", certificates.issue("client").keyFile().toString()));

        assertThatThrownBy(() -> backend.instances("web", ""))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("the TLS handshake failed: the server's certificate is not trusted; "
                        + "check that etcd.tls.caFile holds the CA that signed it");
    }

    private ServiceBackend client(Map<String, Object> tls) {
        Map<String, Object> config = new HashMap<>(Map.of("endpoints", etcd.uri().toString(), "tls", tls));
        ServiceBackend backend = new EtcdBackendProvider().create(config);
        clients.add(backend);
        return backend;
    }

    private static ServiceDefinition service() {
        String name = "secure-" + UUID.randomUUID().toString().substring(0, 8);
        return new ServiceDefinition(name + "-1", name, 8443, Duration.ofSeconds(30), List.of(), "127.0.0.1");
    }
}
