package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsulClusterIT {

    @Test
    void clusterElectsAnotherLeaderWhenTheLeaderIsKilledAndTheKilledServerRejoins() {
        ConsulCluster cluster = ConsulCluster.launch();
        try {
            assertThat(cluster.leaderIndex()).isBetween(0, 2);
            assertThat(putKey(cluster, "before", "crash")).isEqualTo(200);

            int killed = cluster.killLeader();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> cluster.leaderIndex() >= 0 && cluster.leaderIndex() != killed);
            await().atMost(Duration.ofSeconds(30)).until(() -> serfStatus(cluster, killed).equals("critical"));

            cluster.startServer(killed);

            await().atMost(Duration.ofSeconds(30)).until(() -> serfStatus(cluster, killed).equals("passing"));
            await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> putKey(cluster, "after", "crash") == 200);
        } finally {
            cluster.close();
        }
        Connections.assertRefused(cluster.address());
    }

    private static int putKey(ConsulCluster cluster, String key, String value) {
        return RawHttp.send("PUT", URI.create("http://" + cluster.clientAddress() + "/v1/kv/" + key), value).statusCode();
    }

    /** What the client agent says of server {@code index}'s membership check: passing, critical, or unknown. */
    private static String serfStatus(ConsulCluster cluster, int index) {
        String body = RawHttp.send("GET", URI.create("http://" + cluster.clientAddress() + "/v1/health/node/server" + index), null)
                .body().replace(" ", "");
        return body.contains("\"Status\":\"passing\"") ? "passing" : body.contains("\"Status\":\"critical\"") ? "critical" : "unknown";
    }
}
