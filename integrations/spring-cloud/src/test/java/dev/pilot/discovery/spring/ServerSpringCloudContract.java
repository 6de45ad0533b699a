package dev.pilot.discovery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.tck.Timing;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig;
import dev.pilot.testservers.TestServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@link SpringCloudContract} on a catalog with a server, plus what only a server allows: an
 * outage, longer than a session timeout. It runs between the health test and the graceful
 * shutdown, in the contract's order.
 */
abstract class ServerSpringCloudContract extends SpringCloudContract {

    /** The catalog server, stopped and started again by the outage test. */
    protected abstract TestServer server();

    /**
     * How long the outage lasts: longer than a ZooKeeper session (the default session timeout of the
     * applications' clients) plus the applications' TTL, so that routing is checked past the moment
     * a catalog would have expired the instance's session or registration.
     */
    static final Duration OUTAGE = ZooKeeperConfig.DEFAULT_SESSION_TIMEOUT.plusSeconds(2).plusSeconds(2);

    /** Bounds the calls through the outage, whatever the machine's speed. */
    static final int MAX_OUTAGE_CALLS = 50_000;

    /**
     * Every load-balanced call alpha makes through the whole outage reaches beta, and its discovery
     * client lists beta at each call. Fails when routing loses the last known list at any moment of
     * the outage (an empty delivery when a session expires or a watch fails), not only just after
     * the catalog stops.
     */
    @Test
    @Order(4)
    void throughACatalogOutageTheLastKnownListKeepsRoutingAndHeartbeatsComeBackAfter() {
        TestServer catalog = server();
        String betaId = beta.registration().getInstanceId();
        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));

        catalog.stop();
        long stopped = System.nanoTime();
        try {
            List<String> wrong = new ArrayList<>();
            int calls = 0;
            long lastStarted = stopped;
            while (System.nanoTime() - stopped < OUTAGE.toNanos() && calls < MAX_OUTAGE_CALLS) {
                lastStarted = System.nanoTime();
                String outcome;
                try {
                    HttpResponse<String> response = alpha.call("beta");
                    outcome = response.statusCode() == 200 ? response.body() : response.statusCode() + " " + response.body();
                } catch (RuntimeException e) {
                    outcome = e.toString();
                }
                List<String> discovered = alpha.discoveredIds("beta");
                calls++;
                if (!betaId.equals(outcome) || !discovered.equals(List.of(betaId))) {
                    wrong.add((lastStarted - stopped) / 1_000_000 + " ms into the outage: " + outcome + ", discovered " + discovered);
                }
            }
            assertThat(wrong).as("calls that did not reach beta, of %d through the outage", calls).isEmpty();
            assertThat(Duration.ofNanos(lastStarted - stopped)).as("the last call's time into the outage")
                    .isGreaterThan(ZooKeeperConfig.DEFAULT_SESSION_TIMEOUT);
            await().atMost(Timing.RECOVERY).untilAsserted(() -> assertThat(beta.get("/actuator/health/pilotDiscovery").body())
                    .contains("\"status\":\"DOWN\"").contains(catalog.address()));
            await().atMost(Timing.RECOVERY).untilAsserted(() -> assertThat(alpha.get("/actuator/health/pilotDiscovery").body())
                    .containsPattern("\"staleServices\":\\[[^\\]]*\"beta\""));
        } finally {
            catalog.start();
        }

        await().atMost(Timing.RECOVERY).untilAsserted(() -> {
            assertThat(beta.get("/actuator/health/pilotDiscovery").body()).contains("\"status\":\"UP\"");
            assertThat(alpha.get("/actuator/health/pilotDiscovery").body()).doesNotContain("staleServices");
            assertThat(alpha.call("beta").body()).isEqualTo(betaId);
            assertThat(alpha.discoveredIds("beta")).containsExactly(betaId);
        });
    }
}
