package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.spi.BackendProvider;
import dev.pilot.discovery.ServiceBackend;

/**
 * Registers the {@code zookeeper} backend with {@link java.util.ServiceLoader}: the configuration
 * under {@code "zookeeper"} is parsed by {@link ZooKeeperConfig#from}.
 */
public final class ZooKeeperBackendProvider implements BackendProvider {

    /** The name under which the configuration holds this backend. */
    public static final String NAME = "zookeeper";

    @Override
    public String name() {
        return NAME;
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
