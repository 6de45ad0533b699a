package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Delivers each watch's last set again every 500 ms, changed or not. */
final class RepeatingWatchBackend extends ForwardingBackend {

    private static final Duration EVERY = Duration.ofMillis(500);

    RepeatingWatchBackend(ServiceBackend delegate) {
        super(delegate);
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        AtomicReference<List<Instance>> last = new AtomicReference<>();
        Watch watch = delegate.watch(name, tag, healthy -> {
            last.set(healthy);
            listener.onChange(healthy);
        });
        Thread repeater = Defects.start("repeater", () -> {
            while (Defects.pause(EVERY)) {
                List<Instance> healthy = last.get();
                if (healthy != null) {
                    listener.onChange(healthy); // the defect: an unchanged set again
                }
            }
        });
        return () -> {
            repeater.interrupt();
            watch.cancel();
        };
    }
}
