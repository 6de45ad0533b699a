package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Delivers an empty set to every watch when the server becomes unreachable; with
 * {@code flap}, delivers the last set again 200 ms later, so the listener's last set is right
 * and only a look at every delivery sees the defect. A wrapper cannot see the real client's
 * connection state, so it probes the server itself ({@link ServerProbe}).
 */
final class EmptyOnOutageBackend extends ForwardingBackend {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final Duration FLAP = Duration.ofMillis(200);

    /** Each watch's listener and the last set the real client delivered to it. */
    private final Map<UpstreamListener, List<Instance>> listeners = new ConcurrentHashMap<>();
    private final boolean flap;
    private final Thread prober;

    EmptyOnOutageBackend(ServiceBackend delegate, BooleanSupplier reachable, boolean flap) {
        super(delegate);
        this.flap = flap;
        this.prober = Defects.start("outage-probe", () -> probe(reachable));
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        listeners.put(listener, List.of());
        Watch watch = delegate.watch(name, tag, healthy -> {
            listeners.replace(listener, healthy);
            listener.onChange(healthy);
        });
        return () -> {
            listeners.remove(listener);
            watch.cancel();
        };
    }

    @Override
    public void close() {
        prober.interrupt();
        super.close();
    }

    private void probe(BooleanSupplier reachable) {
        boolean wasReachable = true;
        while (!Thread.currentThread().isInterrupted()) {
            boolean isReachable = reachable.getAsBoolean();
            if (wasReachable && !isReachable) {
                Map<UpstreamListener, List<Instance>> known = Map.copyOf(listeners);
                known.keySet().forEach(listener -> listener.onChange(List.of())); // the defect
                if (flap && Defects.pause(FLAP)) {
                    known.forEach(UpstreamListener::onChange); // taken back: the last set is right again
                }
            }
            wasReachable = isReachable;
            if (!Defects.pause(PROBE_INTERVAL)) {
                return;
            }
        }
    }
}
