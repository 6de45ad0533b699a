package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.CapturedLog;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperServer;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Credentials;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.nio.charset.StandardCharsets;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * With digest credentials, the nodes a backend creates (instances and their parents) may be
 * changed or deleted only by those credentials, and read by anyone; a client with other or wrong
 * credentials gets a clear error that names the user and never the password.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DigestAclIT {

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(ZooKeeperServer::launch);

    /** A prefix of its own: the parents created here are protected too. */
    private static final String PREFIX = "/acl-test";
    private static final Credentials ALICE = new Credentials(Scheme.DIGEST, "alice", "alice-secret");
    private static final Credentials BOB = new Credentials(Scheme.DIGEST, "bob", "bob-secret");
    private static final Credentials ALICE_WRONG = new Credentials(Scheme.DIGEST, "alice", "not-alices-secret");

    @Test
    void othersCanReadTheNodeButNeitherOverwriteNorDeleteIt() throws Exception {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        String path = PREFIX + "/" + web.name() + "/" + web.id();
        try (ServiceBackend alice = connect(ALICE); ServiceBackend anonymous = connect(null);
             RawZooKeeper bob = RawZooKeeper.connectAs(ZOOKEEPER.server().address(), BOB.user(), BOB.password())) {
            alice.sendHeartbeat(web);

            assertThat(anonymous.instances(web.name(), "")).containsExactly(web.toInstance());
            assertThat(bob.get(path)).isPresent();
            assertThatThrownBy(() -> bob.curator().setData().forPath(path, "{}".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> bob.curator().delete().forPath(path))
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThatThrownBy(() -> bob.curator().create().forPath(PREFIX + "/" + web.name() + "/fake", new byte[0]))
                    .as("others cannot add instances to the service either")
                    .isInstanceOf(KeeperException.NoAuthException.class);
            assertThat(anonymous.instances(web.name(), "")).containsExactly(web.toInstance());
        }
    }

    @Test
    void anotherPilotWithOtherCredentialsCannotTakeTheInstanceOver() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        try (ServiceBackend alice = connect(ALICE); ServiceBackend bob = connect(BOB)) {
            alice.sendHeartbeat(web);

            assertThatThrownBy(() -> bob.sendHeartbeat(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("not allowed to register " + PREFIX + "/" + web.name() + "/" + web.id())
                    .hasMessageContaining("digest user 'alice'")
                    .hasMessageContaining("not by digest user 'bob'")
                    .hasMessageNotContaining(BOB.password());
            assertThatThrownBy(() -> bob.deregister(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("not allowed to deregister");
            assertThatThrownBy(() -> bob.markForMaintenance(web)).isInstanceOf(DiscoveryException.class);

            assertThat(alice.instances(web.name(), "")).containsExactly(web.toInstance());
        }
    }

    @Test
    void aWrongPasswordIsAClearError() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        ServiceDefinition sibling = SessionExpiryIT.service(web.name(), 8081);
        try (CapturedLog log = CapturedLog.start();
             ServiceBackend alice = connect(ALICE); ServiceBackend wrong = connect(ALICE_WRONG)) {
            alice.sendHeartbeat(web);

            assertThatThrownBy(() -> wrong.sendHeartbeat(web))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("zookeeper at " + ZOOKEEPER.server().address())
                    .hasMessageContaining("wrong password for digest user 'alice'")
                    .hasMessageNotContaining(ALICE_WRONG.password())
                    .hasMessageNotContaining(ALICE.password());
            assertThatThrownBy(() -> wrong.sendHeartbeat(sibling))
                    .as("creating a node in alice's service")
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("wrong password for digest user 'alice'");
            assertThat(log.text()).as("what was logged").contains("another ZooKeeper session")
                    .doesNotContain(ALICE.password()).doesNotContain(ALICE_WRONG.password());
        }
    }

    @Test
    void theOwnerDeregistersAndItsInstancesLeaveWithItsSession() {
        ServiceDefinition web = SessionExpiryIT.service(SessionExpiryIT.uniqueName("web"), 8080);
        ServiceDefinition other = SessionExpiryIT.service(web.name(), 8081);
        try (ServiceBackend observer = connect(null)) {
            try (ServiceBackend alice = connect(ALICE)) {
                alice.sendHeartbeat(web);
                alice.sendHeartbeat(other);
                alice.deregister(web);
                assertThat(observer.instances(web.name(), "")).containsExactly(other.toInstance());
            }
            await().atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").isEmpty());
        }
    }

    private ServiceBackend connect(Credentials credentials) {
        ZooKeeperConfig config = ZooKeeperConfig.of(ZOOKEEPER.server().address()).withPrefix(PREFIX)
                .withTimeouts(ZooKeeperConformanceIT.SESSION_TIMEOUT, ZooKeeperConformanceIT.REQUEST_TIMEOUT);
        return ZooKeeperBackendProvider.connect(credentials == null ? config : config.withAuth(credentials));
    }
}
