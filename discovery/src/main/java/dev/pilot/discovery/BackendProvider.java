package dev.pilot.discovery;

import java.util.Set;

/**
 * A backend as {@link java.util.ServiceLoader} finds it on the class path. Each backend module
 * ships one implementation, listed in {@code META-INF/services/dev.pilot.discovery.BackendProvider}.
 */
public interface BackendProvider extends ConfigHook {

    /** The name under which the configuration holds this backend, e.g. {@code "consul"}. */
    String name();

    /** What the backend's catalog does natively: declared here, once; the backend reports the same set. */
    Set<Capability> capabilities();

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
