package dev.pilot.discovery.spi;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One watched upstream of an {@link UpstreamCache}: its listeners, the set they were last given
 * and whether it is stale, and the deliveries to them. Deliveries are serialized on this object's
 * lock; a listener that throws is logged and keeps its subscription. Which subscription is current
 * for an upstream, and its {@link #source}, are the cache's (guarded by the cache).
 */
final class Subscription {

    private static final System.Logger LOG = System.getLogger(UpstreamCache.class.getName());

    final Upstream upstream;
    final List<UpstreamListener> listeners = new CopyOnWriteArrayList<>();
    /** The source pushing this upstream's sets; null until started. Guarded by the cache. */
    UpstreamCache.Source source;
    /** The set last delivered; null before the first. Guarded by this. */
    private List<Instance> current;
    /** Why the current set is stale; null while it is fresh. Guarded by this. */
    private DiscoveryException stale;

    Subscription(Upstream upstream) {
        this.upstream = upstream;
    }

    /** The set last delivered, if any. */
    synchronized Optional<List<Instance>> current() {
        return Optional.ofNullable(current);
    }

    /** Tells a listener that joined a running subscription what the others know: the current set, then the outage. */
    synchronized void catchUp(UpstreamListener listener) {
        if (current != null) {
            deliver(listener, current);
        }
        if (stale != null) {
            stale(listener, stale);
        }
    }

    /** Delivers {@code sorted} if it differs from the last set; a set ends an outage. */
    synchronized void publish(List<Instance> sorted) {
        if (!sorted.equals(current)) {
            current = sorted;
            for (UpstreamListener listener : listeners) {
                deliver(listener, sorted);
            }
        }
        if (stale != null) {
            stale = null;
            LOG.log(Level.DEBUG, () -> "the set of " + upstream + " is current again");
            for (UpstreamListener listener : listeners) {
                recovered(listener);
            }
        }
    }

    /** The source failed to read: the first failure of an outage reaches the listeners. */
    synchronized void markStale(DiscoveryException cause) {
        if (stale != null) {
            return;
        }
        stale = cause;
        for (UpstreamListener listener : listeners) {
            stale(listener, cause);
        }
    }

    /** Returns once no delivery is in flight, so that none starts after a listener's removal returns. */
    synchronized void awaitDelivery() {
        // nothing: acquiring the lock is the point
    }

    private void deliver(UpstreamListener listener, List<Instance> healthy) {
        try {
            listener.onChange(healthy);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of " + upstream + " failed", e);
        }
    }

    private void stale(UpstreamListener listener, DiscoveryException cause) {
        try {
            listener.onStale(cause);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of " + upstream + " failed", e);
        }
    }

    private void recovered(UpstreamListener listener) {
        try {
            listener.onRecovered();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener of " + upstream + " failed", e);
        }
    }
}
