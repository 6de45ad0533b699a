package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Watch;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.TcpProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One backend watching 250 upstreams holds a fixed number of connections to etcd (with a stream
 * per watch it held 250), and every watch still receives its own change, and only its own. Not
 * timed: it counts connections and deliveries.
 */
class EtcdManyWatchesIT {

    private static final int WATCHES = 250;
    /** The watch stream, plus pooled connections of reads running next to it. */
    private static final int MOST_CONNECTIONS = 4;

    @RegisterExtension
    static final ServerExtension<EtcdServer> ETCD = ServerExtension.of(EtcdServer::launch);

    @Test
    void twoHundredFiftyWatchedUpstreamsShareAFixedNumberOfConnectionsAndEachGetsItsChange() throws Exception {
        RawEtcd raw = new RawEtcd(ETCD.server().address());
        ConcurrentMap<String, List<Instance>> latest = new ConcurrentHashMap<>();
        try (TcpProxy proxy = new TcpProxy(ETCD.server().address());
             ServiceBackend backend = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + proxy.address()))) {
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < WATCHES; i++) {
                String name = "many-" + i;
                watches.add(backend.watch(name, "", healthy -> latest.put(name, healthy)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> latest.size() == WATCHES);
            assertThat(latest.values()).as("the first sets: nothing registered yet").allMatch(List::isEmpty);

            for (int i = 0; i < WATCHES; i++) {
                raw.put("/containerpilot/many-" + i + "/many-" + i + "-1",
                        "{\"id\":\"many-" + i + "-1\",\"name\":\"many-" + i + "\",\"address\":\"127.0.0.1\",\"port\":" + (10_000 + i) + "}");
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (int i = 0; i < WATCHES; i++) {
                    assertThat(latest.get("many-" + i)).as("the set of many-%d", i)
                            .extracting(Instance::id, Instance::port).containsExactly(Tuple.tuple("many-" + i + "-1", 10_000 + i));
                }
            });

            assertThat(proxy.openConnections()).as("connections to etcd now, whatever the number of watches")
                    .isLessThanOrEqualTo(MOST_CONNECTIONS);
            assertThat(proxy.mostOpenConnections()).as("connections to etcd at any time")
                    .isLessThanOrEqualTo(MOST_CONNECTIONS);
            watches.forEach(Watch::cancel);
        }
    }

    @Test
    void twoHundredHeartbeatsAtOnceHoldNoMoreConnectionsThanTheRequestsAllowedInFlight() throws Exception {
        int services = 200;
        try (TcpProxy proxy = new TcpProxy(ETCD.server().address());
             ServiceBackend backend = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + proxy.address()));
             ServiceBackend observer = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + ETCD.server().address()))) {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Thread> heartbeats = new ArrayList<>();
            for (int i = 0; i < services; i++) {
                dev.pilot.discovery.ServiceDefinition service = new dev.pilot.discovery.ServiceDefinition(
                        "burst-" + i, "burst", 20_000 + i, Duration.ofSeconds(30), List.of(), "127.0.0.1");
                Thread heartbeat = new Thread(() -> {
                    try {
                        go.await();
                        backend.sendHeartbeat(service);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                heartbeat.start();
                heartbeats.add(heartbeat);
            }
            go.countDown();
            for (Thread heartbeat : heartbeats) {
                heartbeat.join(60_000);
            }

            assertThat(observer.instances("burst", "")).as("every service registered").hasSize(services);
            // 32 requests in flight at most (Transport), each on a connection of its own
            assertThat(proxy.mostOpenConnections()).as("connections to etcd at any time").isBetween(1, 32);
        }
    }
}
