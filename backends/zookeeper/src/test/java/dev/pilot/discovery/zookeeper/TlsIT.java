package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.TlsOptions;
import dev.pilot.discovery.tck.servers.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server that speaks only TLS on its client port and requires client certificates: the
 * backend connects with the shared {@code tls} block (CA, client certificate and key in separate
 * PEM files); a client that does not trust the server's CA, or has no certificate, gets nowhere.
 *
 * <p>The launchers start plaintext servers, so this test runs ZooKeeper's own embedded server
 * with a secure client port only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsIT {

    /** ZooKeeper turns the {@code ssl.*} keys of its config into these JVM-wide properties; cleared afterwards. */
    private static final String[] SERVER_PROPERTIES = {"zookeeper.ssl.keyStore.location", "zookeeper.ssl.keyStore.type",
        "zookeeper.ssl.trustStore.location", "zookeeper.ssl.trustStore.type", "zookeeper.ssl.clientAuth",
        "zookeeper.serverCnxnFactory", "zookeeper.admin.enableServer"};

    private Path folder;
    private TestCertificates certificates;
    private ZooKeeperServerEmbedded server;
    private String address;

    @BeforeAll
    void startServer() throws Exception {
        folder = Files.createTempDirectory("pilot-zookeeper-tls-it");
        certificates = TestCertificates.authority(folder, "pilot-test-ca");
        certificates.issue("server");
        certificates.issue("client");
        int port = FreePorts.pick();
        address = "127.0.0.1:" + port;
        Properties config = new Properties();
        config.setProperty("tickTime", "500");
        config.setProperty("secureClientPort", String.valueOf(port));
        config.setProperty("secureClientPortAddress", "127.0.0.1");
        config.setProperty("serverCnxnFactory", "org.apache.zookeeper.server.NettyServerCnxnFactory");
        config.setProperty("ssl.keyStore.location", certificates.keyAndChain("server").toString());
        config.setProperty("ssl.keyStore.type", "PEM");
        config.setProperty("ssl.trustStore.location", certificates.ca().toString());
        config.setProperty("ssl.trustStore.type", "PEM");
        config.setProperty("ssl.clientAuth", "need");
        config.setProperty("admin.enableServer", "false");
        server = ZooKeeperServerEmbedded.builder().baseDir(folder).configuration(config)
                .exitHandler(ExitHandler.LOG_ONLY).build();
        server.start(30_000);
    }

    @AfterAll
    void stopServer() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            for (String property : SERVER_PROPERTIES) {
                System.clearProperty(property);
            }
        }
    }

    @Test
    void aClientWithTheSharedTlsBlockRegistersAndReads() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8443);
        TlsOptions tls = new TlsOptions(certificates.ca(), folder.resolve("client.pem"), certificates.key("client"), false);
        try (ServiceBackend secure = connect(tls); ServiceBackend other = connect(tls)) {
            secure.sendHeartbeat(web);

            assertThat(other.instances(web.name(), "")).containsExactly(web.toInstance());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheServerGetsNowhere() throws Exception {
        TestCertificates stranger = TestCertificates.authority(Files.createDirectories(folder.resolve("stranger")), "other-ca");
        TlsOptions tls = new TlsOptions(stranger.ca(), folder.resolve("client.pem"), certificates.key("client"), false);
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
        return ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(address)
                .withTimeouts(ZooKeeperConformanceIT.SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT)
                .withTls(tls));
    }
}
