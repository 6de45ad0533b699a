package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps one watch per upstream: a second watch of the same (name, tag) gets nothing. */
final class SingleWatchBackend extends ForwardingBackend {

    private final Set<Upstream> watched = ConcurrentHashMap.newKeySet();

    SingleWatchBackend(ServiceBackend delegate) {
        super(delegate);
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        Upstream upstream = new Upstream(name, tag);
        if (!watched.add(upstream)) {
            return () -> {}; // the defect: the second listener is dropped
        }
        Watch watch = delegate.watch(name, tag, listener);
        return () -> {
            watched.remove(upstream);
            watch.cancel();
        };
    }
}
