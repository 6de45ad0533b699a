package dev.pilot.discovery.spring;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;

/**
 * Sends every registration's heartbeat as soon as the application accepts traffic. Spring Boot's
 * readiness is part of its aggregate health, and it stays REFUSING_TRAFFIC (health
 * OUT_OF_SERVICE) from the web server's start, when auto-registration sends the first heartbeat,
 * until start-up ends: that heartbeat is held back by the {@link HealthGate}, and without this the
 * instance would enter the catalog only with the next one, up to a third of its TTL after the
 * application was ready. With it, an application whose start-up has returned is in the catalog.
 *
 * <p>Declared after Spring Boot's {@code ApplicationAvailabilityAutoConfiguration}, so that its
 * availability bean, which the readiness health indicator reads, has taken the event in first.
 */
final class PilotReadinessHeartbeat implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>> {

    private final PilotServiceRegistry registry;

    PilotReadinessHeartbeat(PilotServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() == ReadinessState.ACCEPTING_TRAFFIC) {
            registry.beatNow();
        }
    }
}
