package dev.pilot.discovery.spring;

import java.util.Collection;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The catalog connection as Spring Boot health ({@code pilotDiscovery}): DOWN while the last
 * heartbeat failed (with the catalog's error, which never holds a secret), UP once one landed,
 * UNKNOWN before the first. The SPI has no separate ping: heartbeats are the probe. Services whose
 * instances are kept through a catalog outage are listed under {@code staleServices}.
 */
final class PilotHealthIndicator implements HealthIndicator {

    /** The contributor name: the bean name less Spring Boot's {@code HealthIndicator} suffix. */
    static final String NAME = "pilotDiscovery";
    static final String BEAN = NAME + "HealthIndicator";

    private final String backendName;
    private final PilotServiceRegistry registry;
    private final WatchedServices services;

    PilotHealthIndicator(String backendName, PilotServiceRegistry registry, WatchedServices services) {
        this.backendName = backendName;
        this.registry = registry;
        this.services = services;
    }

    @Override
    public Health health() {
        Collection<Heartbeat> heartbeats = registry.heartbeats();
        Health.Builder health = Health.unknown();
        String error = null;
        boolean landed = false;
        for (Heartbeat heartbeat : heartbeats) {
            Heartbeat.Outcome outcome = heartbeat.outcome();
            String prefix = heartbeat.definition().id() + ".";
            if (outcome.at() != null) {
                health.withDetail(prefix + "lastHeartbeat", outcome.at().toString());
            }
            if (outcome.paused() != null) {
                health.withDetail(prefix + "heartbeatsPaused", outcome.paused());
            }
            if (heartbeat.inMaintenance()) {
                health.withDetail(prefix + "maintenance", true);
            }
            if (outcome.error() != null) {
                error = outcome.error();
            } else if (outcome.at() != null) {
                landed = true;
            }
        }
        if (error != null) {
            health.down().withDetail("error", error);
        } else if (landed) {
            health.up();
        }
        if (!services.staleServices().isEmpty()) {
            health.withDetail("staleServices", services.staleServices());
        }
        return health.withDetail("backend", backendName)
                .withDetail("watchedServices", services.services())
                .build();
    }
}
