package dev.pilot.discovery.spring;

import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;

/**
 * Opens while Spring Boot's aggregate health is UP. Pilot's own catalog indicator does not count:
 * a failed heartbeat turns it DOWN, and heartbeats are how the connection comes back.
 */
final class ActuatorHealthGate implements HealthGate {

    private static final Set<Status> OPEN = Set.of(Status.UP, Status.UNKNOWN);

    private final ObjectProvider<HealthEndpoint> health;

    private ActuatorHealthGate(ObjectProvider<HealthEndpoint> health) {
        this.health = health;
    }

    /** Called only when actuator health is on the class path; open while there is no health endpoint bean. */
    static HealthGate from(BeanFactory beans) {
        return new ActuatorHealthGate(beans.getBeanProvider(HealthEndpoint.class));
    }

    @Override
    public String closedBecause() {
        HealthEndpoint endpoint = health.getIfAvailable();
        if (endpoint == null) {
            return null;
        }
        try {
            HealthDescriptor aggregate = endpoint.health();
            if (aggregate.getStatus().equals(Status.UP)) {
                return null;
            }
            if (aggregate instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
                for (Map.Entry<String, HealthDescriptor> component : composite.getComponents().entrySet()) {
                    if (!component.getKey().equals(PilotHealthIndicator.NAME)
                            && !OPEN.contains(component.getValue().getStatus())) {
                        return "health of " + component.getKey() + " is " + component.getValue().getStatus().getCode();
                    }
                }
                return null;
            }
            return "health is " + aggregate.getStatus().getCode();
        } catch (RuntimeException e) {
            return "health could not be read (" + e.getClass().getSimpleName() + ")";
        }
    }
}
