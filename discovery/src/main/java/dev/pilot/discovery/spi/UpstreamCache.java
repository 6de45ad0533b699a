package dev.pilot.discovery.spi;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.DiscoveryException;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * Everything a backend object knows about its upstreams, in one place (Curator's
 * {@code ServiceCache}): a backend gives it how to read the healthy set of an {@link Upstream}
 * and how to start pushing it, and the cache answers {@link ServiceBackend#checkForUpstreamChanges},
 * {@link ServiceBackend#instances} and {@link ServiceBackend#watch}.
 *
 * <ul>
 *   <li><b>Last known sets.</b> Every set read or pushed is remembered; when a read fails with a
 *       {@link DiscoveryException}, {@link #instances} serves the last one (an outage is not
 *       "every upstream vanished").</li>
 *   <li><b>Polls.</b> {@link #checkForUpstreamChanges} applies ContainerPilot's change rule
 *       ({@link UpstreamTracker}) per (name, tag). A watched upstream is answered from the set its
 *       watch last delivered, without a request; others are read. A failed read is "no change".</li>
 *   <li><b>Watches.</b> One {@link Source} per watched upstream, however many listeners; each
 *       listener gets the current set when it joins and then every set that differs from the last
 *       one delivered; the source stops when the last listener leaves. Deliveries for one upstream
 *       are serialized, on the thread that pushes (or, for a late listener's first set, the thread
 *       that calls {@link #watch}). A listener that throws is logged and keeps its subscription.</li>
 *   <li><b>Staleness.</b> A source that cannot read the catalog says so ({@link Sink#failed}); the
 *       cache tells each listener once per outage ({@link UpstreamListener#onStale}), and the next
 *       set the source reads ends the outage ({@link UpstreamListener#onRecovered}, after the set
 *       when it changed). Nothing else about deliveries changes.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class UpstreamCache implements AutoCloseable {

    /** Reads the healthy set of an upstream from the catalog. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @return the healthy instances of {@code upstream}, in any order
         * @throws DiscoveryException when the catalog cannot be read
         */
        List<Instance> read(Upstream upstream);
    }

    /** Pushes the healthy sets of one upstream until closed. */
    public interface Source extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Where a {@link Source} hands what it reads: every healthy set ({@link #accept}), and every
     * failure to read one ({@link #failed}). Thread-safe.
     */
    public interface Sink extends Consumer<List<Instance>> {
        /** A healthy set read from the catalog, in any order; it also ends an outage {@link #failed} began. */
        @Override
        void accept(List<Instance> healthy);

        /**
         * The source could not read the catalog (a failed pass, a lost connection): the last set
         * stays, marked stale until the next {@link #accept}. Saying it again during one outage
         * is harmless.
         */
        void failed(DiscoveryException cause);

        /** A sink that takes the sets and ignores failures. */
        static Sink of(Consumer<List<Instance>> sets) {
            return new Sink() {
                @Override
                public void accept(List<Instance> healthy) {
                    sets.accept(healthy);
                }

                @Override
                public void failed(DiscoveryException cause) {}
            };
        }
    }

    /** Starts a {@link Source} for {@code upstream} that hands every healthy set it reads, and every failure, to {@code sink}. */
    @FunctionalInterface
    public interface ChangeSource {
        Source start(Upstream upstream, Sink sink);
    }

    private static final System.Logger LOG = System.getLogger(UpstreamCache.class.getName());

    private final Reader reader;
    private final ChangeSource changes;
    private final UpstreamTracker polls = new UpstreamTracker();
    private final ConcurrentMap<Upstream, List<Instance>> lastKnown = new ConcurrentHashMap<>();
    private final Map<Upstream, Subscription> subscriptions = new HashMap<>();
    private boolean closed;

    /**
     * @param reader  reads a healthy set (for polls, {@link #instances}, and nothing else)
     * @param changes starts the push behind a watch
     */
    public UpstreamCache(Reader reader, ChangeSource changes) {
        this.reader = reader;
        this.changes = changes;
    }

    /** ContainerPilot's poll: whether the set of {@code upstream} changed since the previous poll of it. */
    public boolean checkForUpstreamChanges(Upstream upstream) {
        Optional<List<Instance>> watched = watched(upstream);
        if (watched.isPresent()) {
            return polls.update(upstream, watched.get());
        }
        return polls.check(upstream, () -> read(upstream));
    }

    /**
     * The healthy set of {@code upstream}, read now; the last known set when the read fails.
     *
     * @throws DiscoveryException from the read when no set is known yet
     */
    public List<Instance> instances(Upstream upstream) {
        try {
            return read(upstream);
        } catch (DiscoveryException e) {
            List<Instance> last = lastKnown.get(upstream);
            if (last == null) {
                throw e;
            }
            LOG.log(Level.DEBUG, () -> "serving the last known set of " + upstream + ": " + e.getMessage());
            return last;
        }
    }

    /** The last set read or pushed for {@code upstream}, if any. */
    public Optional<List<Instance>> lastKnown(Upstream upstream) {
        return Optional.ofNullable(lastKnown.get(upstream));
    }

    /** Adds {@code listener} for {@code upstream}, starting its source if it is the first. */
    public Watch watch(Upstream upstream, UpstreamListener listener) {
        Subscription subscription;
        boolean first;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("backend is closed");
            }
            subscription = subscriptions.computeIfAbsent(upstream, Subscription::new);
            first = subscription.listeners.isEmpty() && subscription.source == null;
            subscription.listeners.add(listener);
        }
        if (first) {
            Source source = changes.start(upstream, new Sink() {
                @Override
                public void accept(List<Instance> healthy) {
                    publish(upstream, subscription, healthy);
                }

                @Override
                public void failed(DiscoveryException cause) {
                    markStale(upstream, subscription, cause);
                }
            });
            boolean orphaned;
            synchronized (this) {
                orphaned = closed || subscriptions.get(upstream) != subscription;
                if (!orphaned) {
                    subscription.source = source;
                }
            }
            if (orphaned) {
                closeQuietly(source);
            }
        } else {
            subscription.catchUp(listener);
        }
        return () -> remove(upstream, subscription, listener);
    }

    /** Whether {@code upstream} has at least one listener. */
    public synchronized boolean isWatched(Upstream upstream) {
        return subscriptions.containsKey(upstream);
    }

    /** Stops every source; later {@link #watch} calls fail. */
    @Override
    public void close() {
        List<Source> sources = new ArrayList<>();
        synchronized (this) {
            closed = true;
            for (Subscription subscription : subscriptions.values()) {
                subscription.listeners.clear();
                if (subscription.source != null) {
                    sources.add(subscription.source);
                }
            }
            subscriptions.clear();
        }
        sources.forEach(UpstreamCache::closeQuietly);
    }

    private boolean isCurrent(Upstream upstream, Subscription subscription) {
        synchronized (this) {
            return subscriptions.get(upstream) == subscription;
        }
    }

    private List<Instance> read(Upstream upstream) {
        List<Instance> healthy = Instance.sorted(reader.read(upstream));
        lastKnown.put(upstream, healthy);
        return healthy;
    }

    private Optional<List<Instance>> watched(Upstream upstream) {
        Subscription subscription;
        synchronized (this) {
            subscription = subscriptions.get(upstream);
        }
        return subscription == null ? Optional.empty() : subscription.current();
    }

    /** Takes a set pushed by the source of {@code subscription}; delivers it if it differs from the last one. */
    private void publish(Upstream upstream, Subscription subscription, List<Instance> healthy) {
        List<Instance> sorted = Instance.sorted(healthy);
        if (!isCurrent(upstream, subscription)) {
            return; // a source that outlived its subscription
        }
        lastKnown.put(upstream, sorted);
        subscription.publish(sorted);
    }

    /** Takes a failure of the source of {@code subscription}; the first of an outage reaches the listeners. */
    private void markStale(Upstream upstream, Subscription subscription, DiscoveryException cause) {
        if (isCurrent(upstream, subscription)) {
            subscription.markStale(cause);
        }
    }

    private void remove(Upstream upstream, Subscription subscription, UpstreamListener listener) {
        Source toClose = null;
        synchronized (this) {
            if (!subscription.listeners.remove(listener)) {
                return;
            }
            if (subscription.listeners.isEmpty() && subscriptions.get(upstream) == subscription) {
                subscriptions.remove(upstream);
                toClose = subscription.source;
            }
        }
        // Wait for an in-flight delivery so no call starts after cancel() returns.
        subscription.awaitDelivery();
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    private static void closeQuietly(Source source) {
        try {
            source.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stopping a watch failed", e);
        }
    }
}
