package dev.pilot.discovery.spi;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.DiscoveryException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The change detection behind {@link ServiceBackend#checkForUpstreamChanges}: remembers the last
 * healthy set seen for each {@link Upstream} and says whether a new read differs from it.
 *
 * <p>One tracker belongs to one backend object: state is never shared between backends, and is
 * keyed by (name, tag), never by name alone.
 *
 * <p>A change is an instance added, removed or re-addressed (address or port). Tags and metadata
 * are not compared, as in ContainerPilot. The first read that sees a non-empty set is a change,
 * so {@code onChange} runs at start. A failed read is not a change and keeps the last set.
 *
 * <p>Thread-safe.
 */
public final class UpstreamTracker {

    private final ConcurrentMap<Upstream, List<Instance>> lastSeen = new ConcurrentHashMap<>();

    /**
     * Records {@code current} as the healthy set of {@code upstream}.
     *
     * @return whether it differs from the previously recorded set
     */
    public boolean update(Upstream upstream, List<Instance> current) {
        List<Instance> sorted = Instance.sorted(current);
        boolean[] changed = new boolean[1];
        lastSeen.compute(upstream, (key, previous) -> {
            changed[0] = changed(previous, sorted);
            return sorted;
        });
        return changed[0];
    }

    /**
     * Reads the set with {@code read} and records it; a {@link DiscoveryException} from the read
     * is a "no change" that keeps the last set.
     */
    public boolean check(Upstream upstream, Supplier<List<Instance>> read) {
        List<Instance> current;
        try {
            current = read.get();
        } catch (DiscoveryException e) {
            return false;
        }
        return update(upstream, current);
    }

    /** The last set recorded for {@code upstream}, if any. */
    public Optional<List<Instance>> lastKnown(Upstream upstream) {
        return Optional.ofNullable(lastSeen.get(upstream));
    }

    /**
     * Whether {@code after} differs from {@code before} by an added, removed or re-addressed
     * instance. Both are sorted by id; {@code before} is null for a first read.
     */
    static boolean changed(List<Instance> before, List<Instance> after) {
        if (before == null) {
            return !after.isEmpty();
        }
        if (before.size() != after.size()) {
            return true;
        }
        for (int i = 0; i < before.size(); i++) {
            Instance a = before.get(i);
            Instance b = after.get(i);
            if (!a.id().equals(b.id()) || !a.address().equals(b.address()) || a.port() != b.port()) {
                return true;
            }
        }
        return false;
    }
}
