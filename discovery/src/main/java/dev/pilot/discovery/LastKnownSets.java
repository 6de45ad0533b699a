package dev.pilot.discovery;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The last healthy set read for each {@link Upstream}: what {@link ServiceBackend#instances}
 * serves while the catalog is unreachable, since an outage is not "every upstream vanished".
 *
 * <p>Thread-safe.
 */
public final class LastKnownSets {

    private final ConcurrentMap<Upstream, List<Instance>> sets = new ConcurrentHashMap<>();

    /**
     * Reads the set of {@code upstream} with {@code read} and remembers it; when the read fails
     * with a {@link DiscoveryException}, returns the last set remembered instead.
     *
     * @throws DiscoveryException from {@code read} when no set is known yet
     */
    public List<Instance> read(Upstream upstream, Supplier<List<Instance>> read) {
        try {
            List<Instance> healthy = read.get();
            sets.put(upstream, healthy);
            return healthy;
        } catch (DiscoveryException e) {
            List<Instance> last = sets.get(upstream);
            if (last == null) {
                throw e;
            }
            return last;
        }
    }

    /** Remembers a set read elsewhere, e.g. by a watch. */
    public void remember(Upstream upstream, List<Instance> healthy) {
        sets.put(upstream, healthy);
    }

    /** The last set remembered for {@code upstream}, if any. */
    public Optional<List<Instance>> last(Upstream upstream) {
        return Optional.ofNullable(sets.get(upstream));
    }
}
