package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static dev.pilot.discovery.tck.Timing.RECOVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.Throughout;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.EtcdCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real three-node etcd cluster: the backend uses every endpoint it is given and survives the
 * loss of any one node, the leader included, without a spurious change.
 */
class EtcdClusterIT {

    @RegisterExtension
    static final ServerExtension<EtcdCluster> CLUSTER = ServerExtension.of(EtcdCluster::launch);

    private final List<ServiceBackend> clients = new ArrayList<>();

    @AfterEach
    void closeClientsAndRestartStoppedNodes() {
        clients.forEach(ServiceBackend::close);
        for (int node = 0; node < CLUSTER.server().size(); node++) {
            CLUSTER.server().startNode(node);
        }
    }

    @Test
    void killingTheLeaderKeepsTheInstanceRegisteredAndTheWatchDeliveringWithoutASpuriousChange() throws Exception {
        // Both clients start on the leader, so its death breaks their connections, the watch's too.
        List<String> leaderFirst = nodesStartingWith(CLUSTER.server().leader());
        ServiceBackend backend = client(leaderFirst);
        ServiceBackend observer = client(leaderFirst);
        ServiceDefinition web = service("web", 8080, Duration.ofSeconds(3));
        ServiceDefinition peer = service(web.name(), 8081, Duration.ofSeconds(30));
        RecordingListener listener = new RecordingListener();
        AtomicInteger failedHeartbeats = new AtomicInteger();
        AtomicInteger sentHeartbeats = new AtomicInteger();

        try (Watch ignored = observer.watch(web.name(), "", listener)) {
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                heartbeats.scheduleAtFixedRate(() -> heartbeat(backend, web, sentHeartbeats, failedHeartbeats), 0, 500, TimeUnit.MILLISECONDS);
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
                int deliveriesBefore = listener.count();

                CLUSTER.server().killLeader();
                await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> backend.sendHeartbeat(peer));

                await().atMost(RECOVERY).until(() -> listener.lastIds().equals(List.of(web.id(), peer.id())));
                int sentAfterRecovery = sentHeartbeats.get();
                await().atMost(RECOVERY).until(() -> sentHeartbeats.get() > sentAfterRecovery);
                int failedDuringElection = failedHeartbeats.get();
                assertThat(listener.deliveries().subList(deliveriesBefore, listener.count()))
                        .as("after the kill the watch delivers the one real change, nothing else")
                        .containsExactly(List.of(web.toInstance(), peer.toInstance()));
                // Three TTLs later the instance is still there: its lease survived the election.
                Throughout.holds("both instances listed for three TTLs after the election", Duration.ofSeconds(9),
                        () -> ids(observer.instances(web.name(), "")).equals(List.of(web.id(), peer.id())));
                assertThat(listener.count()).isEqualTo(deliveriesBefore + 1);
                assertThat(failedHeartbeats.get()).as("heartbeats that failed once the new leader served (%d failed during the election)",
                        failedDuringElection).isEqualTo(failedDuringElection);
                heartbeats.shutdownNow();
            } finally {
                Threads.close(heartbeats);
            }
        }
    }

    @Test
    void aClientUsesTheOtherEndpointsWhenTheFirstIsDown() {
        int down = (CLUSTER.server().leader() + 1) % CLUSTER.server().size();
        CLUSTER.server().stopNode(down);
        ServiceBackend backend = client(nodesStartingWith(down));
        ServiceBackend observer = client(nodesStartingWith(down));
        ServiceDefinition web = service("web", 8080, Duration.ofSeconds(30));
        RecordingListener listener = new RecordingListener();

        try (Watch ignored = observer.watch(web.name(), "", listener)) {
            backend.sendHeartbeat(web);

            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
            assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance());
        }
    }

    @Test
    void aWatchWhoseNodeWasDownWhileHistoryWasCompactedComesBackWithTheRightSet() {
        int watched = (CLUSTER.server().leader() + 1) % CLUSTER.server().size();
        int other = (watched + 1) % CLUSTER.server().size();
        ServiceBackend observer = client(List.of(CLUSTER.server().nodeAddresses().get(watched)));
        ServiceBackend backend = client(List.of(CLUSTER.server().nodeAddresses().get(other)));
        ServiceDefinition first = service("db", 5432, Duration.ofSeconds(30));
        ServiceDefinition second = service(first.name(), 5433, Duration.ofSeconds(30));
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = observer.watch(first.name(), "", listener)) {
            backend.sendHeartbeat(first);
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(first.id())));

            CLUSTER.server().stopNode(watched);
            backend.sendHeartbeat(second);
            backend.deregister(first);
            RawEtcd raw = new RawEtcd(CLUSTER.server().nodeAddresses().get(other));
            raw.compact(raw.revision());
            CLUSTER.server().startNode(watched);

            await().atMost(RECOVERY).until(() -> listener.lastIds().equals(List.of(second.id())));
        }
    }

    private static void heartbeat(ServiceBackend backend, ServiceDefinition service, AtomicInteger sent, AtomicInteger failures) {
        try {
            backend.sendHeartbeat(service);
            sent.incrementAndGet();
        } catch (DiscoveryException e) {
            failures.incrementAndGet(); // expected while the cluster elects a new leader
        }
    }

    private static List<String> nodesStartingWith(int first) {
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < CLUSTER.server().size(); i++) {
            nodes.add(CLUSTER.server().nodeAddresses().get((first + i) % CLUSTER.server().size()));
        }
        return nodes;
    }

    private ServiceBackend client(List<String> addresses) {
        ServiceBackend client = new EtcdBackendProvider().create(Map.of("endpoints",
                addresses.stream().map(address -> "http://" + address).toList()));
        clients.add(client);
        return client;
    }

    private static ServiceDefinition service(String base, int port, Duration ttl) {
        String name = base.contains("-") ? base : base + "-" + UUID.randomUUID().toString().substring(0, 8);
        return new ServiceDefinition(name + "-" + port, name, port, ttl, List.of(), "127.0.0.1");
    }

    private static List<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::id).toList();
    }
}
