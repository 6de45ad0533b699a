package dev.pilot.discovery.consul;

import dev.pilot.discovery.spi.BackendProvider;
import dev.pilot.discovery.ServiceBackend;

/**
 * The {@code consul} backend: services registered with a Consul agent, kept alive by TTL checks,
 * upstreams pushed by blocking queries. See {@link ConsulConfig} for the configuration.
 */
public final class ConsulBackendProvider implements BackendProvider {

    /** The name under which the configuration holds this backend. */
    public static final String NAME = "consul";

    @Override
    public String name() {
        return NAME;
    }

    /** A service's {@code consul} block: {@code enableTagOverride}, {@code deregisterCriticalServiceAfter}. */
    @Override
    public void checkServiceOptions(String path, Object block) {
        ConsulServiceOptions.read(path, block, new ConsulServiceOptions(false, null));
    }

    @Override
    public ServiceBackend create(Object raw) {
        return connect(ConsulConfig.from(raw));
    }

    /** A backend talking to the agent of {@code config}. Connects lazily: no request is made here. */
    public static ServiceBackend connect(ConsulConfig config) {
        return new ConsulBackend(config);
    }
}
