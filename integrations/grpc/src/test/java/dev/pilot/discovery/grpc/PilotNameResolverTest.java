package dev.pilot.discovery.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver on the {@code local} backend (a real directory), as a channel drives it. */
class PilotNameResolverTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    Path directory;
    private ServiceBackend backend;

    @BeforeEach
    void connect() {
        backend = Backends.fromClassPath().create("local", directory.toString());
    }

    @AfterEach
    void close() {
        backend.close();
    }

    private void register(String id, int port, Map<String, String> meta, String... tags) {
        backend.sendHeartbeat(new ServiceDefinition(id, "orders", port, Duration.ofSeconds(30), List.of(tags), "127.0.0.1", meta));
    }

    @Test
    void eachDeliveryIsAnAddressListWithTheInstanceAttached() {
        register("orders-1", 7001, Map.of("zone", "a"), "blue");
        try (RecordingResolver resolver = new RecordingResolver("pilot:///orders?tag=blue", backend)) {
            await().atMost(SOON).until(() -> resolver.heard.contains("addresses [7001]"));
            Instance instance = resolver.last().get(0).getAttributes().get(PilotAttributes.INSTANCE);
            assertThat(instance.id()).isEqualTo("orders-1");
            assertThat(instance.tags()).containsExactly("blue");
            assertThat(instance.meta()).containsEntry("zone", "a");

            register("orders-2", 7002, Map.of(), "blue");
            register("orders-3", 7003, Map.of(), "green");

            await().atMost(SOON).until(() -> resolver.heard.contains("addresses [7001, 7002]"));
            assertThat(resolver.heard).noneMatch(heard -> heard.contains("7003"));
        }
    }

    @Test
    void anInstanceIsCalledOnTheGrpcPortItAdvertisesAndLeftOutWhenItIsNoPort() {
        register("orders-1", 8080, Map.of(PilotAttributes.GRPC_PORT, "9090"));
        register("orders-2", 8081, Map.of(PilotAttributes.GRPC_PORT, "http"));
        try (RecordingResolver resolver = new RecordingResolver("pilot:///orders", backend)) {
            await().atMost(SOON).until(() -> resolver.heard.contains("addresses [9090]"));
        }
    }

    @Test
    void anEmptySetIsAnEmptyAddressListNotAnError() {
        try (RecordingResolver resolver = new RecordingResolver("pilot:///orders", backend)) {
            await().atMost(SOON).until(() -> resolver.heard.contains("addresses []"));
            register("orders-1", 7001, Map.of());
            await().atMost(SOON).until(() -> resolver.heard.contains("addresses [7001]"));
            backend.deregister(new ServiceDefinition("orders-1", "orders", 7001, Duration.ofSeconds(30), List.of(), "127.0.0.1"));
            await().atMost(SOON).until(() -> resolver.heard.size() == 3);
            assertThat(resolver.heard).containsExactly("addresses []", "addresses [7001]", "addresses []");
        }
    }

    @Test
    void aCatalogNeverReachedIsAnErrorNamingIt() {
        try (ServiceBackend unreachable = Backends.fromClassPath().create("consul", "127.0.0.1:1");
             RecordingResolver resolver = new RecordingResolver("pilot:///orders", unreachable)) {
            await().atMost(SOON).until(() -> !resolver.heard.isEmpty());
            assertThat(resolver.heard.get(0)).startsWith("error UNAVAILABLE: pilot:///orders: consul at 127.0.0.1:1");
        }
    }

    @Test
    void aTargetNamesOneServiceAndAtMostATag() {
        assertThatThrownBy(() -> new RecordingResolver("pilot:///orders/v1", backend))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("target 'pilot:///orders/v1': expected pilot:///<service>[?tag=<tag>], with one service name after the slashes");
        assertThatThrownBy(() -> new RecordingResolver("pilot:///orders?tg=blue", backend))
                .hasMessage("target 'pilot:///orders?tg=blue': expected pilot:///<service>[?tag=<tag>], with only the query parameter 'tag', got 'tg'");
        assertThatThrownBy(() -> new RecordingResolver("pilot://consul/orders", backend))
                .hasMessageContaining("with an empty authority (three slashes), got 'consul'");
    }

    @Test
    void withoutABackendTheSystemPropertiesNameOneSharedByEveryChannel() {
        assertThatThrownBy(() -> new RecordingResolver("pilot:///orders", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("target 'pilot:///orders': no backend given to the channel, and pilot.discovery: expected exactly one backend among");

        register("orders-1", 7001, Map.of());
        System.setProperty("pilot.discovery.local", directory.toString());
        try (RecordingResolver first = new RecordingResolver("pilot:///orders", null);
             RecordingResolver second = new RecordingResolver("pilot:///orders", null)) {
            await().atMost(SOON).until(() -> first.heard.contains("addresses [7001]") && second.heard.contains("addresses [7001]"));
        } finally {
            System.clearProperty("pilot.discovery.local");
        }
    }
}
