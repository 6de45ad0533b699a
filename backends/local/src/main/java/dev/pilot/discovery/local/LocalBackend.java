package dev.pilot.discovery.local;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ConfigMap;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.LastKnownSets;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.UpstreamTracker;
import dev.pilot.discovery.UpstreamWatchers;
import dev.pilot.discovery.Watch;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The {@code local} backend: instances are files in a directory ({@link CatalogDirectory}),
 * healthy while their recorded expiry lies ahead; watches are pushed by a
 * {@link DirectoryWatcher}. Maintenance removes the file, as ContainerPilot's backends did.
 *
 * <p>Thread-safe.
 */
final class LocalBackend implements ServiceBackend {

    private final CatalogDirectory catalog;
    private final LocalConfig config;
    private final UpstreamTracker tracker = new UpstreamTracker();
    private final LastKnownSets lastKnown = new LastKnownSets();
    private final UpstreamWatchers watchers;
    private DirectoryWatcher directoryWatcher;

    LocalBackend(LocalConfig config) {
        this.config = config;
        this.catalog = new CatalogDirectory(config.directory());
        this.watchers = new UpstreamWatchers(this::startWatching);
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public Set<Capability> capabilities() {
        return LocalBackendProvider.CAPABILITIES;
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
        try {
            catalog.delete(service);
        } catch (IOException e) {
            throw failure("cannot delete the instance file of " + service.id(), e);
        }
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        Upstream upstream = new Upstream(name, tag);
        return tracker.check(upstream, () -> read(upstream));
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        Upstream upstream = new Upstream(name, tag);
        return lastKnown.read(upstream, () -> read(upstream));
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        return watchers.add(new Upstream(name, tag), listener);
    }

    @Override
    public void close() {
        watchers.close();
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
            List<Instance> healthy = catalog.read(upstream).healthy();
            lastKnown.remember(upstream, healthy);
            return healthy;
        } catch (IOException e) {
            throw failure("cannot read the instances of " + upstream, e);
        }
    }

    private UpstreamWatchers.Source startWatching(Upstream upstream) {
        DirectoryWatcher watcher = directoryWatcher();
        watcher.add(upstream);
        return () -> watcher.remove(upstream);
    }

    private synchronized DirectoryWatcher directoryWatcher() {
        if (directoryWatcher == null) {
            directoryWatcher = new DirectoryWatcher(catalog, config.rescanInterval(), watchers::publish);
        }
        return directoryWatcher;
    }

    private DiscoveryException failure(String what, IOException cause) {
        return new DiscoveryException(name(), catalog.root().toString(), what, cause);
    }
}
