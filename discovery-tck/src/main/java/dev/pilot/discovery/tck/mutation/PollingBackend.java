package dev.pilot.discovery.tck.mutation;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Watches by polling {@code instances} every second instead of having changes pushed. */
final class PollingBackend extends ForwardingBackend {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final Set<Thread> pollers = ConcurrentHashMap.newKeySet();

    PollingBackend(ServiceBackend delegate) {
        super(delegate);
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        Thread poller = Defects.start("poller", () -> poll(name, tag, listener));
        pollers.add(poller);
        return () -> {
            pollers.remove(poller);
            poller.interrupt();
        };
    }

    @Override
    public void close() {
        pollers.forEach(Thread::interrupt);
        super.close();
    }

    private void poll(String name, String tag, UpstreamListener listener) {
        List<Instance> last = null;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                List<Instance> now = delegate.instances(name, tag);
                if (!now.equals(last)) {
                    last = now;
                    listener.onChange(now);
                }
            } catch (RuntimeException e) {
                // an outage: keep the last set, as the contract asks
            }
            try {
                Thread.sleep(INTERVAL.toMillis()); // the defect: a fixed poll interval
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
