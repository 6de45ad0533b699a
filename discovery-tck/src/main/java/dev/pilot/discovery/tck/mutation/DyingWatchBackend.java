package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Watches that deliver nothing more once the server was unreachable: a watch that never
 * re-reads after a restart. Probes the server itself ({@link ServerProbe}) every 10 ms: a restart's
 * window without a listener can be short (a server that binds its port early in its start), and a
 * probe that misses it lets the mutant live.
 */
final class DyingWatchBackend extends ForwardingBackend {

    private static final Duration PROBE_INTERVAL = Duration.ofMillis(10);

    private final AtomicBoolean serverWasLost = new AtomicBoolean();
    private final Thread prober;

    DyingWatchBackend(ServiceBackend delegate, BooleanSupplier reachable) {
        super(delegate);
        prober = Defects.start("restart-probe", () -> {
            while (!serverWasLost.get() && Defects.pause(PROBE_INTERVAL)) {
                if (!reachable.getAsBoolean()) {
                    serverWasLost.set(true);
                }
            }
        });
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        return delegate.watch(name, tag, healthy -> {
            if (!serverWasLost.get()) {
                listener.onChange(healthy); // the defect: nothing after the server was gone once
            }
        });
    }

    @Override
    public void close() {
        prober.interrupt();
        super.close();
    }
}
