package dev.pilot.discovery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.TestServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * {@link SpringCloudContract} on a catalog with a server, plus what only a server allows: an
 * outage. It runs between the health test and the stop, in the contract's order.
 */
abstract class ServerSpringCloudContract extends SpringCloudContract {

    /** The catalog server, stopped and started again by the outage test. */
    protected abstract TestServer server();

    @Test
    @Order(4)
    void throughACatalogOutageTheLastKnownListKeepsRoutingAndHeartbeatsComeBackAfter() {
        TestServer catalog = server();
        String betaId = beta.registration().getInstanceId();
        await().atMost(ROUTED).untilAsserted(() -> assertThat(alpha.call("beta").body()).isEqualTo(betaId));

        catalog.stop();
        try {
            for (int call = 0; call < 5; call++) {
                assertThat(alpha.call("beta").body()).isEqualTo(betaId);
            }
            assertThat(alpha.discoveredIds("beta")).containsExactly(betaId);
            await().atMost(Timing.RECOVERY).untilAsserted(() -> assertThat(beta.get("/actuator/health/pilotDiscovery").body())
                    .contains("\"status\":\"DOWN\"").contains(catalog.address()));
        } finally {
            catalog.start();
        }

        await().atMost(Timing.RECOVERY).untilAsserted(() -> {
            assertThat(beta.get("/actuator/health/pilotDiscovery").body()).contains("\"status\":\"UP\"");
            assertThat(alpha.call("beta").body()).isEqualTo(betaId);
            assertThat(alpha.discoveredIds("beta")).containsExactly(betaId);
        });
    }
}
