package dev.pilot.discovery.spring;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code pilot.discovery} properties, except the backend's own block
 * ({@code pilot.discovery.consul}, {@code .etcd}, {@code .zookeeper} or {@code .local}), which
 * {@link BackendSelection} reads and hands to the backend unchanged.
 *
 * @param enabled whether Pilot's discovery, registry and load-balancer supplier are on
 * @param service what this application registers
 * @param watch   services whose instances are watched from start-up, and listed by the discovery
 *                client's getServices() beside every service looked up since
 */
@ConfigurationProperties("pilot.discovery")
public record PilotDiscoveryProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue Service service,
        List<String> watch) {

    public PilotDiscoveryProperties {
        watch = watch == null ? List.of() : List.copyOf(watch);
    }

    /**
     * This application's registration.
     *
     * @param register whether the application registers itself when its web server is ready
     * @param name     the service name; defaults to spring.application.name
     * @param id       the instance id; defaults to name-address-port
     * @param address  the address others connect to; defaults to the first non-loopback interface's
     *                 address (Spring Cloud's InetUtils, which spring.cloud.inetutils.* tunes)
     * @param port     the port others connect to; defaults to the web server's port
     * @param ttl      how long the instance stays healthy without a heartbeat (whole seconds);
     *                 heartbeats are sent three times per TTL
     * @param tags     the instance's tags
     * @param metadata the instance's metadata
     * @param shutdownDelay on shutdown, how long the application keeps serving after its instance
     *                 has left the catalog (its own watch saw it go) before the web server's
     *                 graceful shutdown begins: the time the callers' watches take to get the
     *                 change, so that no call is routed to a server that no longer takes requests
     */
    public record Service(
            @DefaultValue("true") boolean register,
            String name,
            String id,
            String address,
            Integer port,
            @DefaultValue("10s") Duration ttl,
            List<String> tags,
            Map<String, String> metadata,
            @DefaultValue("1s") Duration shutdownDelay) {

        public Service {
            if (ttl.isNegative() || ttl.isZero() || ttl.toMillis() % 1000 != 0) {
                throw new PilotConfigurationException("pilot.discovery.service.ttl",
                        "expected a positive whole number of seconds, got " + ttl);
            }
            if (port != null && (port < 1 || port > 65535)) {
                throw new PilotConfigurationException("pilot.discovery.service.port", "expected 1-65535, got " + port);
            }
            if (shutdownDelay.isNegative()) {
                throw new PilotConfigurationException("pilot.discovery.service.shutdown-delay",
                        "expected a duration of 0 or more, got " + shutdownDelay);
            }
            tags = tags == null ? List.of() : List.copyOf(tags);
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }
    }
}
