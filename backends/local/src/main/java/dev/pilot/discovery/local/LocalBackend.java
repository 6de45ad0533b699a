package dev.pilot.discovery.local;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.spi.ClosedGuard;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamCache;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The {@code local} backend: instances are files in a directory ({@link CatalogDirectory}),
 * healthy while their recorded expiry lies ahead; an {@link UpstreamCache} keeps the sets, pushed
 * by one {@link DirectoryWatcher} for all watches. Maintenance removes the file, as ContainerPilot's backends did.
 *
 * <p>Thread-safe.
 */
final class LocalBackend implements ServiceBackend {

    /** File events push changes; the document carries metadata. TTL, maintenance and tags are kept by Pilot. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.PUSH_WATCH, Capability.METADATA);

    private final CatalogDirectory catalog;
    private final LocalConfig config;
    private final ClosedGuard guard;
    private final UpstreamCache upstreams;
    private DirectoryWatcher directoryWatcher;

    LocalBackend(LocalConfig config) {
        this.config = config;
        this.catalog = new CatalogDirectory(config.directory());
        this.guard = new ClosedGuard("the local backend on " + config.directory());
        this.upstreams = new UpstreamCache(this::read, (upstream, sink) -> {
            DirectoryWatcher watcher = directoryWatcher();
            watcher.add(upstream, sink);
            return () -> watcher.remove(upstream);
        });
    }

    @Override
    public String name() {
        return LocalBackendProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void checkName(String key, String name) {
        String unusable = CatalogDirectory.unusableAsFileName(name);
        if (unusable != null) {
            throw new ConfigException(key, unusable + ", got " + ConfigMap.describe(name));
        }
    }

    @Override
    public void sendHeartbeat(ServiceDefinition service) {
        guard.check();
        try {
            catalog.write(service);
        } catch (IOException e) {
            throw failure("cannot write the instance file of " + service.id(), e);
        }
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        deregister(service);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        guard.check();
        try {
            catalog.delete(service);
        } catch (IOException e) {
            throw failure("cannot delete the instance file of " + service.id(), e);
        }
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        guard.check();
        return upstreams.checkForUpstreamChanges(new Upstream(name, tag));
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        guard.check();
        return upstreams.instances(new Upstream(name, tag));
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        guard.check();
        return upstreams.watch(new Upstream(name, tag), listener);
    }

    @Override
    public void close() {
        if (!guard.close()) {
            return;
        }
        upstreams.close();
        DirectoryWatcher running;
        synchronized (this) {
            running = directoryWatcher;
            directoryWatcher = null;
        }
        if (running != null) {
            running.close();
        }
    }

    private List<Instance> read(Upstream upstream) {
        try {
            return catalog.read(upstream).healthy();
        } catch (IOException e) {
            throw failure("cannot read the instances of " + upstream, e);
        }
    }

    private synchronized DirectoryWatcher directoryWatcher() {
        if (directoryWatcher == null) {
            directoryWatcher = new DirectoryWatcher(catalog, config.rescanInterval());
        }
        return directoryWatcher;
    }

    private DiscoveryException failure(String what, IOException cause) {
        return new DiscoveryException(name(), catalog.root().toString(), what, cause);
    }
}
