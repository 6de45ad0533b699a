package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.TlsOptions;
import dev.pilot.testservers.FreePorts;
import dev.pilot.testservers.TestCertificates;
import dev.pilot.testservers.ZooKeeperOptions;
import dev.pilot.testservers.ZooKeeperServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose secure client port speaks only TLS and requires client certificates: the
 * backend connects with the shared {@code tls} block (CA, client certificate and key in separate
 * PEM files); a client that does not trust the server's CA, or has no certificate, gets nowhere.
 *
 * <p>The server keeps the launcher's plaintext port for its readiness probe; the backend is given
 * only the secure one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {

    private static final Duration PATIENT = Duration.ofSeconds(15);

    private Path folder;
    private TestCertificates certificates;
    private ZooKeeperServer server;
    private String address;

    @BeforeAll
    void startServer(@TempDir Path folder) throws Exception {
        this.folder = folder;
        certificates = TestCertificates.authority(folder, "pilot-test-ca");
        certificates.issue("server");
        certificates.issue("client");
        int port = FreePorts.pick();
        address = "127.0.0.1:" + port;
        server = ZooKeeperServer.launch(ZooKeeperOptions.defaults()
                .withConfig("secureClientPort", String.valueOf(port))
                .withConfig("secureClientPortAddress", "127.0.0.1")
                .withConfig("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory")
                .withConfig("ssl.keyStore.location", certificates.keyAndChain("server").toString())
                .withConfig("ssl.keyStore.type", "PEM")
                .withConfig("ssl.trustStore.location", certificates.ca().toString())
                .withConfig("ssl.trustStore.type", "PEM")
                .withConfig("ssl.clientAuth", "need"));
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aClientWithTheSharedTlsBlockRegistersAndReads() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8443);
        TlsOptions tls = new TlsOptions(certificates.ca(), certificates.issue("client").certFile(), certificates.issue("client").keyFile(), false);
        // what this shows is that TLS works, not how fast: a first handshake in a cold JVM on a loaded
        // machine took more than the conformance suite's 2 s request limit
        try (ServiceBackend secure = connect(tls, PATIENT.multipliedBy(2), PATIENT); ServiceBackend other = connect(tls, PATIENT.multipliedBy(2), PATIENT)) {
            secure.sendHeartbeat(web);

            assertThat(other.instances(web.name(), "")).containsExactly(web.toInstance());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerGetsNowhere() throws Exception {
        TestCertificates stranger = TestCertificates.authority(folder.resolve("stranger"), "other-ca");
        TlsOptions tls = new TlsOptions(stranger.ca(), certificates.issue("client").certFile(), certificates.issue("client").keyFile(), false);
        try (ServiceBackend untrusting = connect(tls)) {
            assertThatThrownBy(() -> untrusting.instances("web", ""))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("zookeeper at " + address)
                    .hasMessageContaining("check zookeeper.tls");
        }
    }

    @Test
    void aClientWithoutACertificateGetsNowhere() {
        TlsOptions tls = new TlsOptions(certificates.ca(), null, null, false);
        try (ServiceBackend anonymous = connect(tls)) {
            assertThatThrownBy(() -> anonymous.instances("web", ""))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("zookeeper at " + address)
                    .hasMessageContaining("check zookeeper.tls");
        }
    }

    @Test
    void aPlaintextClientGetsNowhere() {
        try (ServiceBackend plaintext = ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(address)
                .withTimeouts(ZooKeeperConformanceIT.SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT))) {
            // A plaintext client cannot tell a TLS port from a server that never answers.
            assertThatThrownBy(() -> plaintext.instances("web", ""))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("zookeeper at " + address)
                    .hasMessageContaining("no answer from the ensemble");
        }
    }

    private ServiceBackend connect(TlsOptions tls) {
        return connect(tls, ZooKeeperConformanceIT.SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT);
    }

    private ServiceBackend connect(TlsOptions tls, Duration sessionTimeout, Duration requestTimeout) {
        return ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(address)
                .withTimeouts(sessionTimeout, requestTimeout)
                .withTls(tls));
    }
}
