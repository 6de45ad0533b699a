package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.BackendProvider;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import java.util.Set;

/**
 * Registers the {@code zookeeper} backend with {@link java.util.ServiceLoader}: the configuration
 * under {@code "zookeeper"} is parsed by {@link ZooKeeperConfig#from}.
 */
public final class ZooKeeperBackendProvider implements BackendProvider {

    /** Push watches; metadata in the instance document. TTL and tag filters are kept by Pilot. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.PUSH_WATCH, Capability.METADATA);

    @Override
    public String name() {
        return ZooKeeperConfig.KEY;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    /**
     * @param raw a connect string or a configuration block, as {@link ZooKeeperConfig#from} takes
     * @throws dev.pilot.discovery.ConfigException when {@code raw} is not a valid configuration
     */
    @Override
    public ServiceBackend create(Object raw) {
        return connect(ZooKeeperConfig.from(raw));
    }

    /**
     * A backend for {@code config}. It connects in the background: an unreachable ensemble shows
     * as a {@link dev.pilot.discovery.DiscoveryException} from the first operation.
     */
    public static ServiceBackend connect(ZooKeeperConfig config) {
        return new ZooKeeperBackend(config);
    }
}
