package dev.pilot.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.agent.config.net.HostAddress;
import dev.pilot.agent.config.net.Interfaces;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ContainerPilot 2.7's documented configuration forms load unchanged. */
class ContainerPilotExamplesTest {

    private final ConfigLoader loader = new ConfigLoader(new ConfigParser(Set.of("consul", "etcd", "zookeeper", "local"),
            "host1", new Interfaces(() -> List.of(new HostAddress("eth0", InetAddress.ofLiteral("10.0.0.5"))))));

    private AgentConfig load(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/cp27/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return loader.load(new ConfigSource.Inline(text), Map.of("APP_MODE", "production"));
        }
    }

    @Test
    void consulAsAStringWithEveryTopLevelBlock() throws IOException {
        AgentConfig config = load("consul-string.json");
        assertThat(config.backend().raw()).isEqualTo("consul:8500");
        assertThat(config.preStart()).contains(Command.of("/opt/app/pre-start.sh", "production"));
        assertThat(config.services().getFirst().address()).isEqualTo("10.0.0.5");
        assertThat(config.upstreams()).extracting(UpstreamConfig::name).containsExactly("nginx", "app");
    }

    @Test
    void consulAsAnObjectWithServiceOptions() throws IOException {
        AgentConfig config = load("consul-map.json");
        assertThat(config.backend().raw()).isEqualTo(Map.of("address", "consul.internal:8501", "scheme", "https",
                "token", "x"));
        assertThat(config.services().getFirst().port()).isEqualTo(8080);
        assertThat(config.services().getFirst().definition().options("consul"))
                .as("the service's own consul options, which the consul backend reads when it registers it")
                .contains(Map.of("enableTagOverride", true, "deregisterCriticalServiceAfter", "10m"));
    }

    @Test
    void etcdWithTheDeprecatedOnStart() throws IOException {
        AgentConfig config = load("etcd.json");
        assertThat(config.backend().name()).isEqualTo("etcd");
        assertThat(config.preStart()).contains(Command.of("/opt/app/on-start.sh"));
        assertThat(config.upstreams().getFirst().onChange()).isEqualTo(Command.of("/opt/app/db-changed.sh", "--reload"));
    }

    @Test
    void telemetryWithEverySensorType() throws IOException {
        TelemetryConfig telemetry = load("telemetry.json").telemetry().orElseThrow();
        assertThat(telemetry.port()).isEqualTo(9090);
        assertThat(telemetry.address()).isEqualTo("10.0.0.5");
        assertThat(telemetry.sensors()).extracting(SensorConfig::metricName)
                .containsExactly("containerpilot_app_some_counter", "load", "latency", "size");
        assertThat(telemetry.sensors()).extracting(SensorConfig::type).containsExactly(SensorConfig.Type.COUNTER,
                SensorConfig.Type.GAUGE, SensorConfig.Type.HISTOGRAM, SensorConfig.Type.SUMMARY);
    }

    @Test
    void tasks() throws IOException {
        List<TaskConfig> tasks = load("tasks.json").tasks();
        assertThat(tasks).extracting(TaskConfig::frequency)
                .containsExactly(Duration.ofMillis(1500), Duration.ofHours(1), Duration.ofSeconds(60));
        assertThat(tasks.get(1).name()).isEqualTo("/bin/backup.sh");
    }

    @Test
    void coprocesses() throws IOException {
        List<CoprocessConfig> coprocesses = load("coprocesses.json").coprocesses();
        assertThat(coprocesses).extracting(CoprocessConfig::restarts).containsExactly(CoprocessConfig.UNLIMITED, 3L, 0L);
        assertThat(coprocesses.get(1).name()).isEqualTo("/usr/local/bin/consul-template -config /etc/template.hcl");
    }
}
