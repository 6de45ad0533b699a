package dev.pilot.discovery.etcd;

import dev.pilot.discovery.spi.BackendProvider;
import dev.pilot.discovery.ServiceBackend;

/**
 * The {@code etcd} backend as {@link java.util.ServiceLoader} finds it: ContainerPilot 2's layout
 * and document on etcd's v3 API. The configuration is described by {@link EtcdConfig}.
 */
public final class EtcdBackendProvider implements BackendProvider {

    /** The name under which the configuration holds this backend. */
    public static final String NAME = "etcd";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @param raw the block under {@code "etcd"}, as {@link EtcdConfig#from} takes it
     * @throws dev.pilot.discovery.ConfigException when {@code raw} is not a valid {@link EtcdConfig}
     */
    @Override
    public ServiceBackend create(Object raw) {
        return connect(EtcdConfig.from(raw));
    }

    /** A backend for {@code config}. Connections are made on first use. */
    public static ServiceBackend connect(EtcdConfig config) {
        return new EtcdBackend(config);
    }
}
