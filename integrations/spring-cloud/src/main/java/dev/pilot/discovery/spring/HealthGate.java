package dev.pilot.discovery.spring;

/**
 * Whether the application is healthy enough to send heartbeats: ContainerPilot's health check,
 * here Spring Boot's aggregate health. Implementations must be cheap and must not throw.
 */
@FunctionalInterface
interface HealthGate {

    /** The gate used when the application has no actuator health: always open. */
    HealthGate ALWAYS_UP = () -> null;

    /** Null when heartbeats may be sent; else why not, e.g. {@code "health is DOWN"}. */
    String closedBecause();
}
