package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZooKeeperEnsembleIT {

    private static ZooKeeperEnsemble ensemble;

    @BeforeAll
    static void startEnsemble() {
        ensemble = ZooKeeperEnsemble.launch();
    }

    @AfterAll
    static void stopEnsemble() {
        if (ensemble != null) {
            ensemble.close();
        }
    }

    @Test
    void addressListsEveryServerAndEachServesTheSameData() throws Exception {
        assertThat(ensemble.address().split(",")).hasSize(3).containsExactlyElementsOf(ensemble.serverAddresses());

        ZooKeeperClients.put(ensemble.serverAddresses().get(0), "/shared", "one");

        for (String server : ensemble.serverAddresses()) {
            assertThat(ZooKeeperClients.get(server, "/shared")).contains("one");
        }
    }

    @Test
    void ensembleServesWritesAfterTheLeaderIsKilledAndTheLeaderRejoinsWithItsData() throws Exception {
        ZooKeeperClients.put(ensemble.address(), "/before", "crash");

        int leader = ensemble.killLeader();

        assertThat(ensemble.isRunning(leader)).isFalse();
        Connections.assertRefused(ensemble.serverAddresses().get(leader));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> ZooKeeperClients.put(ensemble.address(), "/after", "crash"));
        assertThat(ensemble.leader()).isNotEqualTo(leader);

        ensemble.startServer(leader);
        String rejoined = ensemble.serverAddresses().get(leader);
        assertThat(ZooKeeperClients.get(rejoined, "/before")).contains("crash");
        assertThat(ZooKeeperClients.get(rejoined, "/after")).contains("crash");
    }

    @Test
    void restartWithoutWipeKeepsTheDataAndWithWipeLosesIt() throws Exception {
        ZooKeeperClients.put(ensemble.address(), "/durable", "kept");

        ensemble.restart(false);
        assertThat(ZooKeeperClients.get(ensemble.address(), "/durable")).contains("kept");

        ensemble.restart(true);
        assertThat(ZooKeeperClients.get(ensemble.address(), "/durable")).isEmpty();
    }

    @Test
    void stoppedEnsembleRefusesConnectionsOnEveryServer() throws Exception {
        ensemble.stop();
        Connections.assertRefused(ensemble.address());

        ensemble.start();
        ZooKeeperClients.put(ensemble.address(), "/back", "again");
    }
}
