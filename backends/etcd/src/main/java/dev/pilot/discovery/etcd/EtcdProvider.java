package dev.pilot.discovery.etcd;

import dev.pilot.discovery.BackendProvider;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import java.util.Set;

/**
 * The etcd backend as {@link java.util.ServiceLoader} finds it, under the name {@code etcd}.
 * The configuration is described by {@link EtcdConfig}.
 */
public final class EtcdProvider implements BackendProvider {

    @Override
    public String name() {
        return EtcdBackend.NAME;
    }

    /** etcd expires leases and pushes changes itself, and the JSON carries metadata; tags are filtered here. */
    @Override
    public Set<Capability> capabilities() {
        return EtcdBackend.CAPABILITIES;
    }

    /**
     * @throws dev.pilot.discovery.ConfigException when {@code raw} is not a valid {@link EtcdConfig}
     */
    @Override
    public ServiceBackend create(Object raw) {
        return connect(EtcdConfig.parse(raw));
    }

    /** A backend for {@code config}. Connections are made on first use. */
    public ServiceBackend connect(EtcdConfig config) {
        return new EtcdBackend(config);
    }
}
