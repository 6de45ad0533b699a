package dev.pilot.discovery.tck;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.UpstreamListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Remembers every healthy set a watch delivered, and when it arrived, for assertions. Thread-safe. */
public final class RecordingListener implements UpstreamListener {

    private record Delivery(List<Instance> healthy, long arrivedNanos) {}

    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

    @Override
    public void onChange(List<Instance> healthy) {
        deliveries.add(new Delivery(healthy, System.nanoTime()));
    }

    /** Every set delivered so far, oldest first. */
    public List<List<Instance>> deliveries() {
        return deliveries.stream().map(Delivery::healthy).toList();
    }

    /** How many sets were delivered. */
    public int count() {
        return deliveries.size();
    }

    /** The most recent set, or null when nothing was delivered yet. */
    public List<Instance> last() {
        return deliveries.isEmpty() ? null : deliveries.get(deliveries.size() - 1).healthy();
    }

    /** The ids of the most recent set; empty when nothing was delivered yet. */
    public List<String> lastIds() {
        List<Instance> last = last();
        return last == null ? List.of() : last.stream().map(Instance::id).toList();
    }

    /**
     * The {@link System#nanoTime()} at which the first set matching {@code wanted} arrived, or -1
     * when none did yet.
     */
    public long arrivalOfFirst(Predicate<List<Instance>> wanted) {
        return deliveries.stream()
                .filter(delivery -> wanted.test(delivery.healthy()))
                .mapToLong(Delivery::arrivedNanos)
                .findFirst()
                .orElse(-1);
    }
}
