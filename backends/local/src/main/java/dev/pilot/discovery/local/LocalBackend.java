package dev.pilot.discovery.local;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.CatalogBackend;
import dev.pilot.discovery.spi.ConfigMap;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The {@code local} backend: instances are files in a directory ({@link CatalogDirectory}),
 * healthy while their recorded expiry lies ahead; every watch is fed by one
 * {@link LocalSharedWatch}. Maintenance removes the file, as ContainerPilot's backends did.
 *
 * <p>Thread-safe.
 */
final class LocalBackend extends CatalogBackend {

    /** File events push changes; the document carries metadata. TTL, maintenance and tags are kept by Pilot. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.PUSH_WATCH, Capability.METADATA);

    private final CatalogDirectory catalog;

    LocalBackend(LocalConfig config) {
        super(LocalBackendProvider.NAME, "the local backend on " + config.directory(), CAPABILITIES);
        this.catalog = new CatalogDirectory(config.directory());
        shareWatches(watched -> new LocalSharedWatch(catalog, config.rescanInterval(), watched));
    }

    @Override
    public void checkName(String key, String name) {
        String unusable = CatalogDirectory.unusableAsFileName(name);
        if (unusable != null) {
            throw new ConfigException(key, unusable + ", got " + ConfigMap.describe(name));
        }
    }

    @Override
    protected void register(ServiceDefinition service) {
        try {
            catalog.write(service);
        } catch (IOException e) {
            throw failure("cannot write the instance file of " + service.id(), e);
        }
    }

    @Override
    protected void maintenance(ServiceDefinition service) {
        remove(service);
    }

    @Override
    protected void remove(ServiceDefinition service) {
        try {
            catalog.delete(service);
        } catch (IOException e) {
            throw failure("cannot delete the instance file of " + service.id(), e);
        }
    }

    @Override
    protected List<Instance> read(Upstream upstream) {
        try {
            return catalog.read(upstream).healthy();
        } catch (IOException e) {
            throw failure("cannot read the instances of " + upstream, e);
        }
    }

    private DiscoveryException failure(String what, IOException cause) {
        return new DiscoveryException(name(), catalog.root().toString(), what, cause);
    }
}
