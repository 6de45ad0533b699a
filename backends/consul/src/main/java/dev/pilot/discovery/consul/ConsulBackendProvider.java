package dev.pilot.discovery.consul;

import dev.pilot.discovery.BackendProvider;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import java.util.Set;

/**
 * The {@code consul} backend: services registered with a Consul agent, kept alive by TTL checks,
 * upstreams pushed by blocking queries. See {@link ConsulConfig} for the configuration.
 */
public final class ConsulBackendProvider implements BackendProvider {

    static final Set<Capability> CAPABILITIES = Set.of(Capability.TAG_FILTER, Capability.NATIVE_TTL,
            Capability.NATIVE_MAINTENANCE, Capability.PUSH_WATCH, Capability.METADATA);

    @Override
    public String name() {
        return "consul";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
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
