package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistrationTest {

    private static final ConsulConfig CONFIG = ConsulConfig.http("127.0.0.1", 8500);
    private static final ServiceDefinition WEB = new ServiceDefinition("web-host1", "web", 8080,
            Duration.ofSeconds(10), List.of("blue", "v2"), "10.0.0.5");

    @Test
    void theServiceHasContainerPilotsFields() {
        Map<String, Object> body = Registration.of(WEB, ConsulServiceOptions.of(WEB, CONFIG));

        assertThat(body).containsExactly(
                Map.entry("ID", "web-host1"), Map.entry("Name", "web"), Map.entry("Tags", List.of("blue", "v2")),
                Map.entry("Port", 8080), Map.entry("Address", "10.0.0.5"), Map.entry("EnableTagOverride", false),
                Map.entry("Check", Map.of("CheckID", "web-host1", "Name", "web-host1", "TTL", "10s",
                        "Notes", "TTL for web set by containerpilot", "Status", "passing")));
    }

    @Test
    void configuredConsulOptionsAreAddedToTheRegistration() {
        ConsulConfig config = new ConsulConfig("http", "127.0.0.1", 8500, null, null, null,
                Duration.ofMinutes(10), true, Duration.ofSeconds(5), Duration.ofMinutes(5));

        Map<String, Object> body = Registration.of(WEB, ConsulServiceOptions.of(WEB, config));

        assertThat(body).containsEntry("EnableTagOverride", true);
        assertThat(body.get("Check")).isEqualTo(Map.of("CheckID", "web-host1", "Name", "web-host1", "TTL", "10s",
                "Notes", "TTL for web set by containerpilot", "Status", "passing",
                "DeregisterCriticalServiceAfter", "600s"));
    }

    @Test
    void metadataIsSentOnlyWhenThereIsSome() {
        ServiceDefinition withMeta = new ServiceDefinition(WEB.id(), WEB.name(), WEB.port(), WEB.ttl(), WEB.tags(),
                WEB.ipAddress(), Map.of("version", "2.1"));

        assertThat(Registration.of(WEB, ConsulServiceOptions.of(WEB, CONFIG))).doesNotContainKey("Meta");
        assertThat(Registration.of(withMeta, ConsulServiceOptions.of(withMeta, CONFIG))).containsEntry("Meta", Map.of("version", "2.1"));
    }

    @Test
    void durationsAreWrittenInGoSyntax() {
        assertThat(Registration.goDuration(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(Registration.goDuration(Duration.ofMinutes(5))).isEqualTo("300s");
        assertThat(Registration.goDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
