package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.tck.CapturedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.servers.ZooKeeperServer;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Credentials;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.util.List;
import java.util.Map;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.login.Configuration;
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
    /**
     * Settings the in-process server reads from system properties (ZooKeeper turns unknown
     * {@code zoo.cfg} keys into {@code zookeeper.*} properties), cleared after this class so that
     * the servers of later tests in this JVM start without them.
     */
    private static final List<String> SERVER_PROPERTIES = List.of("zookeeper.fips-mode", "zookeeper.authProvider.1",
            "zookeeper.enforce.auth.enabled", "zookeeper.enforce.auth.schemes");

    private Configuration previousJaas;
    private ZooKeeperServer server;

    @BeforeAll
    void startServer() {
        previousJaas = Configuration.getConfiguration();
        Configuration.setConfiguration(new ServerLogin(previousJaas));
        // ZooKeeper 3.9's FIPS mode (on by default) refuses DIGEST-MD5 on the server.
        System.setProperty("zookeeper.fips-mode", "false");
        server = ZooKeeperServer.launch(Map.of(
                "authProvider.1", "org.apache.zookeeper.server.auth.SASLAuthenticationProvider",
                "enforce.auth.enabled", "true",
                "enforce.auth.schemes", "sasl"));
    }

    @AfterAll
    void stopServer() {
        try {
            server.close();
        } finally {
            SERVER_PROPERTIES.forEach(System::clearProperty);
            Configuration.setConfiguration(previousJaas);
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
    void wrongCredentialsAreAClearError() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        try (CapturedLog log = CapturedLog.start(); ServiceBackend wrong = connect(ALICE_WRONG)) {
            assertThatThrownBy(() -> wrong.sendHeartbeat(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("zookeeper at " + server.address())
                    .hasMessageContaining("rejected this client's credentials")
                    .hasMessageNotContaining(ALICE_WRONG.password());
            assertThat(log.text()).as("what the client and the server logged")
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

    /** The server's JAAS section: ZooKeeper's digest login module with the users' passwords. */
    private static final class ServerLogin extends Configuration {
        private final Configuration previous;

        ServerLogin(Configuration previous) {
            this.previous = previous;
        }

        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            if (name.equals("Server")) {
                return new AppConfigurationEntry[] {new AppConfigurationEntry(
                        "org.apache.zookeeper.server.auth.DigestLoginModule", LoginModuleControlFlag.REQUIRED,
                        Map.of("user_alice", ALICE.password(), "user_bob", BOB.password()))};
            }
            return previous == null ? null : previous.getAppConfigurationEntry(name);
        }
    }
}
