package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EtcdClusterIT {

    private static EtcdCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = EtcdCluster.launch();
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void addressListsEveryNodeAndEachServesTheSameData() {
        assertThat(cluster.address().split(",")).hasSize(3).containsExactlyElementsOf(cluster.nodeAddresses());

        EtcdKv.put(cluster.nodeAddresses().get(0), "shared", "one");

        assertThat(cluster.nodeAddresses()).allSatisfy(node -> assertThat(EtcdKv.get(node, "shared")).contains("one"));
    }

    @Test
    void clusterServesWritesAfterTheLeaderIsKilledAndTheLeaderRejoinsWithItsData() {
        EtcdKv.put(cluster.nodeAddresses().get(0), "before", "crash");

        int leader = cluster.killLeader();

        assertThat(cluster.isRunning(leader)).isFalse();
        Connections.assertRefused(cluster.nodeAddresses().get(leader));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .untilAsserted(() -> EtcdKv.put(aRunningNode(), "after", "crash"));
        assertThat(cluster.leader()).isNotEqualTo(leader);

        cluster.startNode(leader);
        String rejoined = cluster.nodeAddresses().get(leader);
        assertThat(EtcdKv.get(rejoined, "before")).contains("crash");
        assertThat(EtcdKv.get(rejoined, "after")).contains("crash");
    }

    @Test
    void restartWithoutWipeKeepsTheDataAndWithWipeLosesIt() {
        EtcdKv.put(cluster.nodeAddresses().get(1), "durable", "kept");

        cluster.restart(false);
        assertThat(EtcdKv.get(cluster.nodeAddresses().get(2), "durable")).contains("kept");

        cluster.restart(true);
        assertThat(EtcdKv.get(cluster.nodeAddresses().get(2), "durable")).isEmpty();
    }

    @Test
    void stoppedClusterRefusesConnectionsOnEveryNodeAndCloseIsFinal() {
        EtcdCluster other = EtcdCluster.launch();

        other.stop();
        Connections.assertRefused(other.address());

        other.start();
        EtcdKv.put(other.nodeAddresses().get(2), "back", "again");

        other.close();
        Connections.assertRefused(other.address());
    }

    private static String aRunningNode() {
        return IntStream.range(0, cluster.size())
                .filter(cluster::isRunning)
                .mapToObj(cluster.nodeAddresses()::get)
                .findFirst()
                .orElseThrow();
    }
}
