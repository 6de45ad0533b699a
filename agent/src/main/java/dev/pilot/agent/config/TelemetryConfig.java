package dev.pilot.agent.config;

import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code telemetry} block: a Prometheus endpoint at {@code http://<address>:<port>/metrics},
 * advertised in the catalog as the service {@code containerpilot}.
 *
 * @param port    the endpoint's port
 * @param address the address it listens on and advertises, resolved from {@code interfaces}
 * @param tags    the advertised tags
 * @param id      the catalog id, {@code containerpilot-<hostname>}
 * @param sensors the metrics fed by commands
 */
public record TelemetryConfig(int port, String address, List<String> tags, String id, List<SensorConfig> sensors) {

    /** The catalog name of the telemetry service, as in ContainerPilot. */
    public static final String SERVICE_NAME = "containerpilot";
    /** ContainerPilot's fixed TTL and heartbeat of the telemetry service. */
    public static final Duration TTL = Duration.ofSeconds(15);
    public static final Duration HEARTBEAT = Duration.ofSeconds(5);

    public TelemetryConfig {
        tags = List.copyOf(tags);
        sensors = List.copyOf(sensors);
    }

    static TelemetryConfig parse(ConfigMap block, String hostname, Interfaces interfaces) {
        block.allowOnly("port", "interfaces", "tags", "sensors");
        int port = block.has("port") ? Fields.port(block, "port") : 9090;
        List<SensorConfig> sensors = new ArrayList<>();
        List<ConfigMap> entries = ConfigParser.entries(block, "sensors");
        for (ConfigMap entry : entries) {
            sensors.add(SensorConfig.parse(entry));
        }
        return new TelemetryConfig(port, interfaces.resolve(block.path("interfaces"), block.stringList("interfaces")),
                block.stringList("tags"), SERVICE_NAME + "-" + hostname, sensors);
    }

    /** The catalog entry of the endpoint. */
    public ServiceDefinition definition() {
        return new ServiceDefinition(id, SERVICE_NAME, port, TTL, tags, address);
    }
}
