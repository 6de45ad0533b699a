package dev.pilot.discovery.zookeeper;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pilot and other ContainerPilot 2 writers share one tree: {@code /containerpilot/{name}/{id}}
 * holding ContainerPilot 2's {@code ServiceNode} JSON, in both directions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContainerPilotInteropIT {

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(ZooKeeperServer::launch);

    @Test
    void aNodeWrittenInContainerPilotsJsonIsReadAsAnInstance() throws Exception {
        String name = SessionExpiryIT.uniqueName("db");
        try (ServiceBackend pilot = SessionExpiryIT.connect(ZOOKEEPER.server().address());
             RawZooKeeper raw = RawZooKeeper.connect(ZOOKEEPER.server().address())) {
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = pilot.watch(name, "", listener)) {
                raw.put("/containerpilot/" + name + "/" + name + "-a",
                        "{\"id\":\"" + name + "-a\",\"name\":\"" + name + "\",\"address\":\"10.0.0.7\",\"port\":5432,\"tags\":[\"primary\"]}");
                // ContainerPilot 2 writes a nil tag list as null; older versions left it out.
                raw.put("/containerpilot/" + name + "/" + name + "-b",
                        "{\"id\":\"" + name + "-b\",\"name\":\"" + name + "\",\"address\":\"10.0.0.8\",\"port\":5432,\"tags\":null}");
                raw.put("/containerpilot/" + name + "/" + name + "-c",
                        "{\"id\":\"" + name + "-c\",\"name\":\"" + name + "\",\"address\":\"10.0.0.9\",\"port\":5433}");

                List<Instance> expected = List.of(
                        new Instance(name + "-a", name, "10.0.0.7", 5432, List.of("primary")),
                        new Instance(name + "-b", name, "10.0.0.8", 5432, List.of()),
                        new Instance(name + "-c", name, "10.0.0.9", 5433, List.of()));
                await().atMost(PROMPTLY).until(() -> expected.equals(listener.last()));
                assertThat(pilot.instances(name, "")).isEqualTo(expected);
                assertThat(pilot.instances(name, "primary")).containsExactly(expected.get(0));
                assertThat(pilot.checkForUpstreamChanges(name, "")).isTrue();
            }
        }
    }

    @Test
    void pilotWritesExactlyContainerPilotsDocument() throws Exception {
        String name = SessionExpiryIT.uniqueName("web");
        ServiceDefinition web = new ServiceDefinition(name + "-1", name, 8080, Duration.ofSeconds(30),
                List.of("blue", "v2"), "192.168.1.5");
        ServiceDefinition withMeta = new ServiceDefinition(name + "-2", name, 8081, Duration.ofSeconds(30),
                List.of(), "192.168.1.6", Map.of("zone", "b", "rack", "r1"));
        try (ServiceBackend pilot = SessionExpiryIT.connect(ZOOKEEPER.server().address());
             RawZooKeeper raw = RawZooKeeper.connect(ZOOKEEPER.server().address())) {
            pilot.sendHeartbeat(web);
            pilot.sendHeartbeat(withMeta);

            assertThat(raw.get("/containerpilot/" + name + "/" + web.id())).contains(
                    "{\"id\":\"" + web.id() + "\",\"name\":\"" + name + "\",\"address\":\"192.168.1.5\",\"port\":8080,"
                            + "\"tags\":[\"blue\",\"v2\"]}");
            assertThat(raw.get("/containerpilot/" + name + "/" + withMeta.id())).contains(
                    "{\"id\":\"" + withMeta.id() + "\",\"name\":\"" + name + "\",\"address\":\"192.168.1.6\",\"port\":8081,"
                            + "\"tags\":[],\"meta\":{\"rack\":\"r1\",\"zone\":\"b\"}}");
        }
    }
}
