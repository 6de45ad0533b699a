package dev.pilot.discovery;

import java.util.List;

/**
 * Receives the whole healthy set of an upstream each time it changes.
 *
 * <p>Called on a thread the backend owns, one call at a time per watch, in order. A listener
 * must return quickly: hand slow work (such as running a command) to another thread.
 */
@FunctionalInterface
public interface UpstreamListener {

    /**
     * @param healthy the healthy set, sorted by id and unmodifiable; may be empty when every
     *                instance left (never because the catalog is unreachable)
     */
    void onChange(List<Instance> healthy);
}
