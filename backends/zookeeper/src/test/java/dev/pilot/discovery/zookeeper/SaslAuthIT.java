package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.tck.CapturedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.testservers.ZooKeeperOptions;
import dev.pilot.testservers.ZooKeeperServer;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Credentials;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * SASL DIGEST-MD5 against a server that requires it: the right credentials register and own
 * their nodes; wrong ones fail with a clear error and no password in it. No JAAS file is
 * involved on the client side.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SaslAuthIT {

    private static final String PREFIX = "/sasl-test";
    private static final Credentials ALICE = new Credentials(Scheme.SASL, "alice", "alice-sasl-secret");
    private static final Credentials BOB = new Credentials(Scheme.SASL, "bob", "bob-sasl-secret");
    private static final Credentials ALICE_WRONG = new Credentials(Scheme.SASL, "alice", "not-alices-sasl-secret");
    private ZooKeeperServer server;

    @BeforeAll
    void startServer() throws Exception {
        Path jaas = Files.createTempFile("pilot-zookeeper-sasl-", ".jaas");
        // The server's JAAS section: ZooKeeper's digest login module with the users' passwords.
        Files.writeString(jaas, """
                Server {
                  org.apache.zookeeper.server.auth.DigestLoginModule required
                  user_alice="%s"
                  user_bob="%s";
                };
                """.formatted(ALICE.password(), BOB.password()));
        try {
            server = ZooKeeperServer.launch(ZooKeeperOptions.defaults()
                    .withConfig("authProvider.1", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider")
                    .withConfig("enforce.auth.enabled", "true")
                    .withConfig("enforce.auth.schemes", "sasl")
                    // ZooKeeper 3.9's FIPS mode (on by default) refuses DIGEST-MD5 on the server.
                    .withSystemProperty("zookeeper.fips-mode", "false")
                    .withSystemProperty("java.security.auth.login.config", jaas.toString()));
        } finally {
            // The server reads it once, at start.
            Files.delete(jaas);
        }
    }

    @AfterAll
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theRightCredentialsRegisterAndOwnTheirNodes() throws Exception {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        try (ServiceBackend alice = connect(ALICE); ServiceBackend bob = connect(BOB)) {
            alice.sendHeartbeat(web);

            assertThat(bob.instances(web.name(), "")).containsExactly(web.toInstance());
            assertThatThrownBy(() -> bob.deregister(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("not allowed to deregister")
                    .hasMessageContaining("sasl user 'alice'")
                    .hasMessageNotContaining(BOB.password());
            assertThat(alice.instances(web.name(), "")).containsExactly(web.toInstance());
        }
    }

    @Test
    void wrongCredentialsAreAClearError() throws Exception {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        try (CapturedLog log = CapturedLog.start(); ServiceBackend wrong = connect(ALICE_WRONG)) {
            assertThatThrownBy(() -> wrong.sendHeartbeat(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("zookeeper at " + server.address())
                    .hasMessageContaining("rejected this client's credentials")
                    .hasMessageNotContaining(ALICE_WRONG.password());
            assertThat(log.text()).as("what the client logged")
                    .contains("SASL").doesNotContain(ALICE_WRONG.password()).doesNotContain(ALICE.password());
            assertThat(Files.readString(server.directory().resolve("server.log"))).as("what the server logged")
                    .contains("SASL").doesNotContain(ALICE_WRONG.password()).doesNotContain(ALICE.password());
        }
    }

    @Test
    void aClientWithoutCredentialsIsRefused() throws Exception {
        try (RawZooKeeper anonymous = RawZooKeeper.connect(server.address())) {
            // The server's own reason, not any failure: it closes an unauthenticated session.
            assertThatThrownBy(() -> anonymous.curator().getChildren().forPath("/"))
                    .isInstanceOf(KeeperException.SessionClosedRequireAuthException.class)
                    .hasMessageContaining("client failed to authenticate");
        }
    }

    private ServiceBackend connect(Credentials credentials) {
        return ZooKeeperBackendProvider.connect(ZooKeeperConfig.of(server.address()).withPrefix(PREFIX)
                .withTimeouts(ZooKeeperConformanceIT.SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT)
                .withAuth(credentials));
    }
}
