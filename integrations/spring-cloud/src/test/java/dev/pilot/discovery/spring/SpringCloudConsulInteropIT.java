package dev.pilot.discovery.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.ConsulServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.DiscoveryClient;
import org.springframework.cloud.consul.discovery.ConsulServiceInstance;

/**
 * Pilot and Spring Cloud Consul on one real Consul agent: {@code legacy} registers through
 * Spring Cloud Consul ({@code spring-cloud-starter-consul-discovery}, Pilot off), {@code modern}
 * through Pilot (Spring Cloud Consul off), and each finds the other with its tags and metadata.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringCloudConsulInteropIT {

    private ConsulServer consul;
    private RunningApp legacy;
    private RunningApp modern;

    @BeforeAll
    void start() {
        consul = ConsulServer.launch();
        legacy = RunningApp.start("legacy", Map.of(
                "spring.cloud.consul.enabled", "true",
                "spring.cloud.consul.host", "127.0.0.1",
                "spring.cloud.consul.port", Integer.toString(consul.httpPort()),
                "spring.cloud.consul.discovery.prefer-ip-address", "true",
                "spring.cloud.consul.discovery.ip-address", "127.0.0.1",
                "spring.cloud.consul.discovery.health-check-interval", "1s",
                "spring.cloud.consul.discovery.tags", "blue,canary",
                "spring.cloud.consul.discovery.metadata.zone", "z1",
                "pilot.discovery.enabled", "false"));
        modern = RunningApp.start("modern", Map.of("pilot.discovery.consul", consul.address()));
    }

    @AfterAll
    void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {modern, legacy, consul}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // Keep closing the rest: every server started here must stop.
            }
        }
    }

    @Test
    void pilotsDiscoveryClientFindsAServiceThatSpringCloudConsulRegisteredWithItsTagsAndMetadata() {
        Duration firstHealthCheck = Duration.ofSeconds(1).plus(Timing.PROMPTLY).plus(Timing.PROMPTLY);
        await().atMost(firstHealthCheck).untilAsserted(() -> assertThat(modern.discoveredIds("legacy")).hasSize(1));
        ServiceInstance found = modern.context.getBean(DiscoveryClient.class).getInstances("legacy").get(0);

        assertThat(found).isInstanceOf(PilotServiceInstance.class);
        assertThat(((PilotServiceInstance) found).getTags()).contains("blue", "canary");
        assertThat(found.getMetadata()).containsEntry("zone", "z1");
        assertThat(found.getHost()).isEqualTo("127.0.0.1");
        assertThat(found.getPort()).isEqualTo(legacy.port);
        await().atMost(Timing.stretch(Duration.ofSeconds(5))).untilAsserted(() -> assertThat(modern.call("legacy").body())
                .isEqualTo(found.getInstanceId()));
    }

    @Test
    void springCloudConsulsDiscoveryClientFindsAServiceThatPilotRegisteredWithItsTagsAndMetadata() {
        String modernId = modern.registration().getInstanceId();
        await().atMost(Timing.PROMPTLY).untilAsserted(() -> assertThat(legacy.discoveredIds("modern")).containsExactly(modernId));
        List<ServiceInstance> found = legacy.context.getBean(DiscoveryClient.class).getInstances("modern");

        assertThat(found.get(0)).isInstanceOfSatisfying(ConsulServiceInstance.class, instance -> {
            assertThat(instance.getTags()).containsExactly("spring", "test");
            assertThat(instance.getMetadata()).containsEntry("app", "modern");
            assertThat(instance.getHost()).isEqualTo("127.0.0.1");
            assertThat(instance.getPort()).isEqualTo(modern.port);
        });
    }
}
