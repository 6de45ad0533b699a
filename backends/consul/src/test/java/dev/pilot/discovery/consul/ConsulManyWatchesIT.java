package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.discovery.tck.servers.ServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One backend watching more upstreams than Consul lets one client address hold connections
 * ({@code limits.http_max_conns_per_client}, 200 by default, which the test server keeps): its
 * heartbeats must keep working. A blocking query per watch would need 250 connections, and Consul
 * would close the surplus, heartbeats included. Not timed: it counts failures and connections.
 */
class ConsulManyWatchesIT {

    private static final int WATCHES = 250;
    /** The blocking queries of the dedicated watches and of the shared catalog watch, and the short exchanges. */
    private static final int MOST_CONNECTIONS = ConsulBackend.DEDICATED_WATCHES + 2 + ConsulHttp.SHORT_EXCHANGES;

    @RegisterExtension
    static final ServerExtension<ConsulServer> CONSUL = ServerExtension.of(ConsulServer::launch);

    @Test
    void heartbeatsKeepWorkingWhileTwoHundredFiftyUpstreamsAreWatched() throws Exception {
        ServiceDefinition self = new ServiceDefinition("many-watches-1", "many-watches", 8080, Duration.ofSeconds(10),
                List.of(), "127.0.0.1");
        AtomicInteger deliveries = new AtomicInteger();
        try (CountingProxy proxy = new CountingProxy(CONSUL.server().address());
             ServiceBackend backend = ConsulBackendProvider.connect(ConsulConfig.from(proxy.address(), Map.of()));
             ServiceBackend observer = ConsulBackendProvider.connect(ConsulConfig.from(CONSUL.server().address(), Map.of()))) {
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < WATCHES; i++) {
                watches.add(backend.watch("upstream-" + i, "", healthy -> deliveries.incrementAndGet()));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> deliveries.get() >= WATCHES);

            for (int i = 0; i < 20; i++) {
                backend.sendHeartbeat(self); // throws when Consul closed the connection
            }

            await().atMost(Timing.PROMPTLY).until(() -> observer.instances(self.name(), "").equals(List.of(self.toInstance())));
            // the peak since the proxy started, not a look at one moment: the first reads of all the
            // watches and the heartbeats are in it. A blocking query per watch would reach 250 (and
            // Consul would close the surplus); short exchanges without their bound would pass 200
            // while the first reads are in flight
            assertThat(proxy.mostOpenConnections()).as("connections to the agent at once, whatever the number of watches")
                    .isLessThanOrEqualTo(MOST_CONNECTIONS);
            watches.forEach(Watch::cancel);
        }
    }
}
