package dev.pilot.discovery;

import java.util.List;

/**
 * Receives the whole healthy set of an upstream each time it changes, and, if it cares, whether
 * that set is current or kept through an outage.
 *
 * <p>Called on a thread the backend owns, one call at a time per watch, in order. A listener
 * must return quickly: hand slow work (such as running a command) to another thread.
 *
 * <p>Staleness (Curator's cache listeners hear connection-state changes for the same reason): when
 * the watch cannot read the catalog, {@link #onStale} tells the listener that the set it holds is
 * kept, not confirmed; the next set read from the catalog ends that, with {@link #onRecovered}
 * after the set (if it differs from the last one, it is delivered first). A listener that only
 * implements {@link #onChange} receives exactly what it did before these two existed.
 */
@FunctionalInterface
public interface UpstreamListener {

    /**
     * @param healthy the healthy set, sorted by id and unmodifiable; may be empty when every
     *                instance left (never because the catalog is unreachable)
     */
    void onChange(List<Instance> healthy);

    /**
     * The watch could not read the catalog: the last set delivered (if any) is kept and may be out
     * of date. Called once per outage, also to a listener that joins during one (after its first
     * set, when there is one); also before any set, when the first read fails. Does nothing by
     * default.
     *
     * @param cause what failed, naming the backend and address (never a secret)
     */
    default void onStale(DiscoveryException cause) {}

    /**
     * The watch reads the catalog again after {@link #onStale}: the last set delivered is current.
     * Does nothing by default.
     */
    default void onRecovered() {}
}
