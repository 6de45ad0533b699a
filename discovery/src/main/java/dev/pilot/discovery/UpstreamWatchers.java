package dev.pilot.discovery;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listener bookkeeping every backend's {@link ServiceBackend#watch} needs, so a backend only
 * has to produce healthy sets: one {@link Source} per watched {@link Upstream}, however many
 * listeners it has; each listener gets the current set when it joins and then every set that
 * differs from the last one delivered; the source stops when the last listener leaves.
 *
 * <p>Deliveries for one upstream are serialized and happen on the thread that
 * {@linkplain #publish publishes} (or, for the first delivery to a new listener, the thread that
 * calls {@link #add}). A listener that throws is logged and keeps its subscription.
 *
 * <p>Thread-safe.
 */
public final class UpstreamWatchers implements AutoCloseable {

    /** Produces the healthy sets of one upstream until closed. */
    public interface Source extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts a source for {@code upstream} that calls {@link #publish} with each healthy set it reads. */
    @FunctionalInterface
    public interface SourceFactory {
        Source start(Upstream upstream);
    }

    private static final System.Logger LOG = System.getLogger(UpstreamWatchers.class.getName());

    private final SourceFactory factory;
    private final Map<Upstream, Subscription> subscriptions = new HashMap<>();
    private boolean closed;

    public UpstreamWatchers(SourceFactory factory) {
        this.factory = factory;
    }

    private static final class Subscription {
        final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
        Source source;
        List<Instance> current;
    }

    /** Adds {@code listener} for {@code upstream}, starting its source if it is the first. */
    public Watch add(Upstream upstream, UpstreamListener listener) {
        Subscription subscription;
        boolean first;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("backend is closed");
            }
            subscription = subscriptions.computeIfAbsent(upstream, key -> new Subscription());
            first = subscription.listeners.isEmpty() && subscription.source == null;
            subscription.listeners.add(listener);
        }
        if (first) {
            Source source = factory.start(upstream);
            boolean orphaned;
            synchronized (this) {
                orphaned = closed || subscriptions.get(upstream) != subscription;
                if (!orphaned) {
                    subscription.source = source;
                }
            }
            if (orphaned) {
                source.close();
            }
        } else {
            synchronized (subscription) {
                if (subscription.current != null) {
                    deliver(upstream, listener, subscription.current);
                }
            }
        }
        return () -> remove(upstream, subscription, listener);
    }

    /**
     * Delivers {@code healthy} to the listeners of {@code upstream} if it differs from the last set
     * delivered. Sources call this with every set they read.
     */
    public void publish(Upstream upstream, List<Instance> healthy) {
        Subscription subscription;
        synchronized (this) {
            subscription = subscriptions.get(upstream);
        }
        if (subscription == null) {
            return;
        }
        List<Instance> sorted = Instance.sorted(healthy);
        synchronized (subscription) {
            if (sorted.equals(subscription.current)) {
                return;
            }
            subscription.current = sorted;
            for (UpstreamListener listener : subscription.listeners) {
                deliver(upstream, listener, sorted);
            }
        }
    }

    /** The last set published for {@code upstream} while it is watched. */
    public Optional<List<Instance>> current(Upstream upstream) {
        Subscription subscription;
        synchronized (this) {
            subscription = subscriptions.get(upstream);
        }
        if (subscription == null) {
            return Optional.empty();
        }
        synchronized (subscription) {
            return Optional.ofNullable(subscription.current);
        }
    }

    /** Whether {@code upstream} has at least one listener. */
    public synchronized boolean isWatched(Upstream upstream) {
        return subscriptions.containsKey(upstream);
    }

    /** Stops every source; later {@link #add} calls fail. */
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
        sources.forEach(UpstreamWatchers::closeQuietly);
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
        synchronized (subscription) {
            // nothing: acquiring the lock is the point
        }
        if (toClose != null) {
            closeQuietly(toClose);
        }
    }

    private static void deliver(Upstream upstream, UpstreamListener listener, List<Instance> healthy) {
        try {
            listener.onChange(healthy);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of " + upstream + " failed", e);
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
