package dev.pilot.discovery.zookeeper;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static dev.pilot.discovery.tck.Timing.RECOVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.Throughout;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperEnsemble;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A three-server ensemble loses its leader while an instance heartbeats and another client
 * watches it: the session moves to a surviving server, so the instance stays, the watch goes on
 * delivering, and it delivers no change that did not happen.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnsembleFailoverIT {

    @RegisterExtension
    static final ServerExtension<ZooKeeperEnsemble> ENSEMBLE = ServerExtension.of(ZooKeeperEnsemble::launch);

    /** Longer than an election (1–2 s here), as a production session timeout is. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void losingTheLeaderNeitherDropsTheInstanceNorFakesAChange() throws Exception {
        String name = SessionExpiryIT.uniqueName("api");
        ServiceDefinition api = new ServiceDefinition(name + "-1", name, 8080, Duration.ofSeconds(5), List.of(), "127.0.0.1");
        List<DiscoveryException> failedHeartbeats = new CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener();
        String leader = ENSEMBLE.server().serverAddresses().get(ENSEMBLE.server().leader());
        try (ServiceBackend writer = connectTo(leader);
             ServiceBackend watcher = connectTo(leader)) {
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                writer.sendHeartbeat(api);
                heartbeats.scheduleWithFixedDelay(() -> heartbeat(writer, api, failedHeartbeats), 0, 1, TimeUnit.SECONDS);
                Watch watch = watcher.watch(name, "", listener);
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(api.id())));
                int deliveriesBefore = listener.count();
                long writerSession = Sessions.id(writer);

                int killed = ENSEMBLE.server().killLeader();
                assertThat(ENSEMBLE.server().serverAddresses().get(killed)).isEqualTo(leader);

                ServiceDefinition peer = new ServiceDefinition(name + "-2", name, 8081, Duration.ofSeconds(30), List.of(), "127.0.0.1");
                await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> watcher.sendHeartbeat(peer));
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(api.id(), peer.id())));
                // Past the instance's TTL: heartbeats kept it alive through the election.
                Throughout.holds("both instances delivered, past the TTL", api.ttl().plusSeconds(1),
                        () -> listener.lastIds().equals(List.of(api.id(), peer.id())));

                assertThat(listener.deliveries().subList(deliveriesBefore, listener.count()))
                        .as("deliveries after server %d, the leader, was killed", killed)
                        .extracting(SessionExpiryIT::ids)
                        .containsExactly(List.of(api.id(), peer.id()));
                assertThat(watcher.instances(name, "")).extracting(dev.pilot.discovery.Instance::id).containsExactly(api.id(), peer.id());
                assertThat(Sessions.id(writer)).as("the writer's session survives the election").isEqualTo(writerSession);
                assertThat(failedHeartbeats).as("heartbeats wait out the election instead of failing").isEmpty();
                watch.cancel();
            } finally {
                Threads.close(heartbeats);
            }
        } finally {
            ENSEMBLE.server().start();
        }
    }

    private static void heartbeat(ServiceBackend writer, ServiceDefinition service, List<DiscoveryException> failures) {
        try {
            writer.sendHeartbeat(service);
        } catch (DiscoveryException e) {
            failures.add(e);
        }
    }

    /**
     * A client of the whole ensemble that happens to be connected to {@code server}: ZooKeeper
     * picks a server at random, so clients are made until one lands there. Only the clients of
     * the server that dies have to move.
     */
    private ServiceBackend connectTo(String server) throws Exception {
        for (int attempt = 0; attempt < 50; attempt++) {
            ServiceBackend client = ZooKeeperBackendProvider.connect(
                    ZooKeeperConfig.of(ENSEMBLE.server().address()).withTimeouts(SESSION_TIMEOUT, REQUEST_TIMEOUT));
            client.instances("nothing", "");
            if (Sessions.server(client).filter(server::equals).isPresent()) {
                return client;
            }
            client.close();
        }
        throw new IllegalStateException("no client landed on " + server + " in 50 attempts");
    }
}
