package dev.pilot.discovery;

/**
 * Turns the raw configuration of one backend into a connected backend: ContainerPilot's
 * {@code ServiceDiscoveryConfigHook}.
 */
@FunctionalInterface
public interface ConfigHook {

    /**
     * @param raw what the configuration holds under the backend's name: a {@code String}, a
     *            {@code Map<String, Object>} as parsed from JSON, or null when absent
     * @throws ConfigException when {@code raw} is not a valid configuration for this backend
     */
    ServiceBackend create(Object raw);
}
