package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Delivers an empty set to every watch while the server is unreachable. A wrapper cannot see
 * the real client's connection state, so it probes the server itself ({@link ServerProbe}).
 */
final class EmptyOnOutageBackend extends ForwardingBackend {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);

    private final Set<UpstreamListener> listeners = ConcurrentHashMap.newKeySet();
    private final Thread prober;

    EmptyOnOutageBackend(ServiceBackend delegate, BooleanSupplier reachable) {
        super(delegate);
        this.prober = Threads.start("pilot-mutant-outage-probe", () -> probe(reachable));
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        listeners.add(listener);
        Watch watch = delegate.watch(name, tag, listener);
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
                listeners.forEach(listener -> listener.onChange(List.of())); // the defect
            }
            wasReachable = isReachable;
            try {
                Thread.sleep(PROBE_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
