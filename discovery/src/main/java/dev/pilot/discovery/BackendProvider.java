package dev.pilot.discovery;

import java.util.Set;

/**
 * A backend as {@link java.util.ServiceLoader} finds it on the class path. Each backend module
 * ships one implementation, listed in {@code META-INF/services/dev.pilot.discovery.BackendProvider}.
 */
public interface BackendProvider extends ConfigHook {

    /** The name under which the configuration holds this backend, e.g. {@code "consul"}. */
    String name();

    /** What the backend's catalog does natively. */
    Set<Capability> capabilities();
}
