package dev.pilot.discovery.tck;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.UpstreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers every healthy set a watch delivered, for assertions. Thread-safe. */
public final class RecordingListener implements UpstreamListener {

    private final List<List<Instance>> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(List<Instance> healthy) {
        deliveries.add(healthy);
    }

    /** Every set delivered so far, oldest first. */
    public List<List<Instance>> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many sets were delivered. */
    public int count() {
        return deliveries.size();
    }

    /** The most recent set, or null when nothing was delivered yet. */
    public List<Instance> last() {
        return deliveries.isEmpty() ? null : deliveries.getLast();
    }

    /** The ids of the most recent set; empty when nothing was delivered yet. */
    public List<String> lastIds() {
        List<Instance> last = last();
        return last == null ? List.of() : last.stream().map(Instance::id).toList();
    }
}
