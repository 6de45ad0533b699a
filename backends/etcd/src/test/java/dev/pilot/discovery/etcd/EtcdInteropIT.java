package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.EtcdServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pilot and ContainerPilot 2 share one etcd: each reads what the other writes. etcd's own
 * {@code etcdctl} stands in for ContainerPilot, writing and reading raw keys.
 */
class EtcdInteropIT {

    /** ContainerPilot 2's {@code ServiceNode} as Go's encoding/json reads it: unknown fields ignored. */
    record ServiceNode(String id, String name, String address, int port, List<String> tags) {}

    @RegisterExtension
    static final ServerExtension<EtcdServer> ETCD = ServerExtension.of(EtcdServer::launch);

    private final Etcdctl etcdctl = Etcdctl.at(ETCD.server().address());
    private ServiceBackend backend;

    @BeforeEach
    void connect() {
        backend = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + ETCD.server().address()));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void anInstanceContainerPilot2WroteIsReadAsAnInstance() {
        etcdctl.run("put", "/containerpilot/app/app-host1",
                "{\"id\":\"app-host1\",\"name\":\"app\",\"address\":\"10.0.0.9\",\"port\":8000,\"tags\":null}");

        assertThat(backend.instances("app", "")).containsExactly(new Instance("app-host1", "app", "10.0.0.9", 8000, List.of()));
        assertThat(backend.instances("app", "blue")).as("ContainerPilot 2 wrote no tags").isEmpty();
    }

    @Test
    void containerPilot2sOwnV2LayoutMigratedToV3IsReadToo() {
        // ContainerPilot 2 kept each instance in a v2 directory {prefix}/{name}/{id} holding a key
        // "service"; etcdctl migrate carries such keys over to the v3 store under the same path.
        etcdctl.run("put", "/containerpilot/legacy/legacy-host1/service",
                "{\"id\":\"legacy-host1\",\"name\":\"legacy\",\"address\":\"10.0.0.3\",\"port\":9000,\"tags\":null}");

        assertThat(backend.instances("legacy", "")).containsExactly(new Instance("legacy-host1", "legacy", "10.0.0.3", 9000, List.of()));
    }

    @Test
    void whatPilotWritesParsesAsContainerPilot2sJsonAtContainerPilot2sKey() throws Exception {
        ServiceDefinition web = new ServiceDefinition("web-host2", "web", 8080, Duration.ofSeconds(30), List.of("blue"),
                "10.0.0.5", Map.of("version", "2"));

        backend.sendHeartbeat(web);

        String value = etcdctl.run("get", "/containerpilot/web/web-host2", "--print-value-only").trim();
        ServiceNode node = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(value, ServiceNode.class);
        assertThat(node).isEqualTo(new ServiceNode("web-host2", "web", "10.0.0.5", 8080, List.of("blue")));
        JsonNode json = new ObjectMapper().readTree(value);
        assertThat(json.get("port").isInt()).as("port is a JSON number, as Go's int").isTrue();
        assertThat(json.get("meta").get("version").asText()).isEqualTo("2");
    }
}
