package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.UpstreamConfig;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamTracker;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one upstream's {@code onChange} when its healthy set changes.
 *
 * <p>Changes are pushed by {@link ServiceBackend#watch}; when the catalog cannot push
 * ({@link Capability#PUSH_WATCH} absent) the set is also re-read every {@code poll}. Either way
 * a set counts as changed as in ContainerPilot ({@link UpstreamTracker}: an instance added,
 * removed or re-addressed; the first non-empty set), with state of this watch alone.
 *
 * <p>Runs of {@code onChange} never overlap: changes that arrive while it runs are folded into
 * exactly one more run. While in maintenance, runs wait until it ends. Runs happen on a virtual
 * thread started for a change and ended once no run is owed, so a watch that waits for changes
 * holds no thread (1 000 upstreams would otherwise park 1 000 threads, each with its stack in the
 * heap).
 */
final class UpstreamWatch implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamWatch.class);

    private final UpstreamConfig config;
    private final Upstream upstream;
    private final ServiceBackend backend;
    private final CommandRunner runner;
    private final Maintenance maintenance;
    private final AgentMetrics metrics;
    private final UpstreamTracker tracker = new UpstreamTracker();
    private final Object lock = new Object();
    private boolean pending;
    private boolean running;
    private List<Instance> latest = List.of();
    private Watch watch;
    private Poller fallback;
    /** The thread running changes, while a run is under way or owed; guarded by lock. */
    private Thread worker;
    private boolean stopped;

    UpstreamWatch(UpstreamConfig config, ServiceBackend backend, CommandRunner runner, Maintenance maintenance,
                  AgentMetrics metrics) {
        this.config = config;
        this.upstream = config.upstream();
        this.backend = backend;
        this.runner = runner;
        this.maintenance = maintenance;
        this.metrics = metrics;
    }

    @Override
    public void start() {
        watch = backend.watch(upstream.name(), upstream.tag(), this::offer);
        if (!backend.capabilities().contains(Capability.PUSH_WATCH)) {
            fallback = new Poller("backend-" + upstream, config.poll(), () -> false, this::reread).start(config.poll());
        }
    }

    private void reread() {
        try {
            offer(backend.instances(upstream.name(), upstream.tag()));
        } catch (DiscoveryException e) {
            metrics.backendError(backend.name());
            LOG.debug("{}: could not read the healthy set: {}", upstream, e.getMessage());
        }
    }

    /** Takes a healthy set from the watch or the fallback poll; schedules onChange if it changed. */
    private void offer(List<Instance> healthy) {
        synchronized (lock) {
            if (!tracker.update(upstream, healthy)) {
                return;
            }
            latest = healthy;
            pending = true;
            if (worker == null && !stopped) {
                worker = Thread.ofVirtual().name("onchange-" + upstream).start(this::runChanges);
            }
        }
    }

    /** Runs onChange until none is owed, then ends the thread (the next change starts another). */
    private void runChanges() {
        try {
            while (true) {
                synchronized (lock) {
                    if (!pending) {
                        worker = null;
                        return;
                    }
                }
                maintenance.awaitOff();
                List<Instance> healthy;
                synchronized (lock) {
                    pending = false;
                    running = true;
                    healthy = latest;
                }
                LOG.info("{}: changed, {} healthy {}; running onChange '{}'", upstream, healthy.size(),
                        healthy.size() == 1 ? "instance" : "instances", config.onChange());
                long started = System.nanoTime();
                CommandRunner.Outcome outcome = runner.run(upstream.name() + ".onChange", config.onChange(),
                        config.timeout());
                synchronized (lock) {
                    running = false;
                }
                metrics.onChangeRan(upstream.name(), Duration.ofNanos(System.nanoTime() - started), outcome.succeeded());
                if (!outcome.succeeded() && !outcome.timedOut()) {
                    LOG.warn("{}: onChange exited with {}", upstream, outcome.exitCode());
                }
            }
        } catch (InterruptedException e) {
            // stopped
        }
    }

    /** The last changed set this watch took in (for tests). */
    List<Instance> latest() {
        synchronized (lock) {
            return latest;
        }
    }

    /**
     * Whether no run of onChange is under way or owed (for tests): once true, every change taken
     * in so far has had its run, so a count of runs read now is final until the next change.
     */
    boolean idle() {
        synchronized (lock) {
            return !pending && !running;
        }
    }

    /** Whether a thread runs or is about to run onChange (for tests: none once no run is owed). */
    boolean holdsAThread() {
        synchronized (lock) {
            return worker != null;
        }
    }

    @Override
    public void stop() {
        if (watch != null) {
            watch.cancel();
        }
        if (fallback != null) {
            fallback.close();
        }
        Thread current;
        synchronized (lock) {
            stopped = true;
            current = worker;
        }
        if (current != null) {
            current.interrupt();
            try {
                current.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
