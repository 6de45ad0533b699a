package dev.pilot.discovery.spi;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;

/**
 * A backend as {@link java.util.ServiceLoader} finds it on the class path: a name and the hook
 * that turns that name's configuration into a backend (ContainerPilot's
 * {@code RegisterBackend(name, hook)}). Each backend module ships one implementation, listed in
 * {@code META-INF/services/dev.pilot.discovery.spi.BackendProvider}; {@link Backends} holds them.
 */
public interface BackendProvider {

    /** The name under which the configuration holds this backend, e.g. {@code "consul"}. */
    String name();

    /**
     * Turns the raw configuration of this backend into a connected backend: ContainerPilot's
     * {@code ServiceDiscoveryConfigHook}.
     *
     * @param raw what the configuration holds under the backend's name: a {@code String}, a
     *            {@code Map<String, Object>} as parsed from JSON, or null when absent
     * @throws ConfigException when {@code raw} is not a valid configuration for this backend
     */
    ServiceBackend create(Object raw);

    /**
     * Checks the options block a service holds for this backend (what
     * {@link ServiceDefinition#options(String)} returns for {@link #name()}), so that a mistake is
     * found when the configuration is read rather than at the first heartbeat. The backend reads
     * the same block again when it registers the service. Backends without per-service options
     * accept no block at all.
     *
     * @param path  the key path of the block, e.g. {@code services[0].consul}
     * @param block the raw block, as parsed from JSON
     * @throws ConfigException naming {@code path} and the offending key
     */
    default void checkServiceOptions(String path, Object block) {
        throw new ConfigException(path, "the " + name() + " backend has no per-service options");
    }
}
