package dev.pilot.discovery.spring;

/**
 * A {@code pilot.discovery} property is wrong: the message names the Spring property, the value
 * and what was expected, never a secret. Spring Boot reports it at start-up as one line
 * (see {@link PilotConfigurationFailureAnalyzer}).
 */
public class PilotConfigurationException extends RuntimeException {

    private final String property;

    public PilotConfigurationException(String property, String message) {
        super(property + ": " + message);
        this.property = property;
    }

    /** The Spring property at fault, e.g. {@code pilot.discovery.consul.address}. */
    public String property() {
        return property;
    }
}
