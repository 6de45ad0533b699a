package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamTracker;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Answers {@code checkForUpstreamChanges} with its own {@link UpstreamTracker} over
 * {@code instances()}, keyed and compared as the mutant says: a tracker shared by every client,
 * a key without the tag, or sets compared by ids only.
 */
final class TrackedChangesBackend extends ForwardingBackend {

    private final UpstreamTracker tracker;
    private final UnaryOperator<Upstream> key;
    private final UnaryOperator<List<Instance>> view;

    TrackedChangesBackend(ServiceBackend delegate, UpstreamTracker tracker, UnaryOperator<Upstream> key,
                          UnaryOperator<List<Instance>> view) {
        super(delegate);
        this.tracker = tracker;
        this.key = key;
        this.view = view;
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        return tracker.check(key.apply(new Upstream(name, tag)), () -> view.apply(delegate.instances(name, tag)));
    }
}
