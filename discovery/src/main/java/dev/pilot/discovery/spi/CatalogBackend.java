package dev.pilot.discovery.spi;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What every backend does the same way, written once: the {@link ClosedGuard} checked first in
 * every operation, the {@link UpstreamCache} that answers {@link #checkForUpstreamChanges},
 * {@link #instances} and {@link #watch}, and a {@link #close()} that runs once. A backend extends
 * it with its catalog's own part: how to {@linkplain #register register} (and refresh),
 * {@linkplain #maintenance take out} and {@linkplain #remove remove} an instance, how to
 * {@linkplain #read read} an upstream's healthy set, how to push it (a feed shared by every watch,
 * given to {@link #shareWatches}, or a {@linkplain #startWatch source per upstream}), and what to
 * release {@linkplain #closeCatalog on close}.
 *
 * <p>Thread-safe when the backend's own part is.
 */
public abstract class CatalogBackend implements ServiceBackend {

    private final String name;
    private final Set<Capability> capabilities;
    private final ClosedGuard guard;
    private final UpstreamCache upstreams;
    private volatile SharedSource shared;

    /**
     * @param name         the backend's name, e.g. {@code "consul"}
     * @param what         the backend as messages name it, e.g. {@code "the consul backend for 127.0.0.1:8500"}
     * @param capabilities what the catalog does natively: the backend's own constant
     */
    protected CatalogBackend(String name, String what, Set<Capability> capabilities) {
        this.name = name;
        this.capabilities = Set.copyOf(capabilities);
        this.guard = new ClosedGuard(what);
        this.upstreams = new UpstreamCache(this::read, this::startWatch);
    }

    /**
     * Registers {@code service}, or refreshes its registration: {@link #sendHeartbeat}'s work.
     *
     * @throws dev.pilot.discovery.DiscoveryException when the catalog cannot be reached or refuses the write
     */
    protected abstract void register(ServiceDefinition service);

    /** Takes {@code service} out of the healthy set until its next heartbeat: {@link #markForMaintenance}'s work. */
    protected abstract void maintenance(ServiceDefinition service);

    /** Removes {@code service} from the catalog; nothing registered is fine: {@link #deregister}'s work. */
    protected abstract void remove(ServiceDefinition service);

    /**
     * The healthy instances of {@code upstream}, read now, in any order.
     *
     * @throws dev.pilot.discovery.DiscoveryException when the catalog cannot be read
     */
    protected abstract List<Instance> read(Upstream upstream);

    /**
     * Feeds every watch from one catalog-wide source ({@link SharedSource}), started with the first
     * watch and stopped after the last: call once, from the constructor.
     */
    protected final void shareWatches(SharedSource.Starter feed) {
        shared = new SharedSource(feed);
    }

    /**
     * Starts pushing every healthy set of {@code upstream} to {@code sink}, until the source is
     * closed: by default a place in the feed given to {@link #shareWatches}. A backend that watches
     * each upstream on its own overrides it.
     */
    protected UpstreamCache.Source startWatch(Upstream upstream, Consumer<List<Instance>> sink) {
        SharedSource feed = shared;
        if (feed == null) {
            throw new IllegalStateException(name + ": no shared watch was given and startWatch is not overridden");
        }
        return feed.start(upstream, sink);
    }

    /** Releases what the backend holds (clients, threads), once, after every watch has stopped. Nothing by default. */
    protected void closeCatalog() {}

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public final void sendHeartbeat(ServiceDefinition service) {
        guard.check();
        register(service);
    }

    @Override
    public final void markForMaintenance(ServiceDefinition service) {
        guard.check();
        maintenance(service);
    }

    @Override
    public final void deregister(ServiceDefinition service) {
        guard.check();
        remove(service);
    }

    @Override
    public final boolean checkForUpstreamChanges(String name, String tag) {
        guard.check();
        return upstreams.checkForUpstreamChanges(new Upstream(name, tag));
    }

    @Override
    public final List<Instance> instances(String name, String tag) {
        guard.check();
        return upstreams.instances(new Upstream(name, tag));
    }

    @Override
    public final Watch watch(String name, String tag, UpstreamListener listener) {
        guard.check();
        return upstreams.watch(new Upstream(name, tag), listener);
    }

    /** Stops every watch and the shared feed, then {@link #closeCatalog()}; runs once. Does not deregister. */
    @Override
    public final void close() {
        if (guard.close()) {
            upstreams.close();
            SharedSource feed = shared;
            if (feed != null) {
                feed.close();
            }
            closeCatalog();
        }
    }
}
