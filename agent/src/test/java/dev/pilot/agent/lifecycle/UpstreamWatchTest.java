package dev.pilot.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.agent.config.Command;
import dev.pilot.agent.config.UpstreamConfig;
import dev.pilot.agent.process.ChildProcesses;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.process.ProcessLauncher;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.mutation.ForwardingBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** onChange runs on a real (local) catalog with real commands: never overlapping, bursts folded. */
class UpstreamWatchTest {

    @TempDir
    Path work;
    private ServiceBackend catalog;
    private ServiceBackend peer;
    private final Maintenance maintenance = new Maintenance();
    private final CommandRunner runner = new CommandRunner(new ProcessLauncher(new ChildProcesses(), Environment.ofThisProcess()));
    private UpstreamWatch watch;

    @BeforeEach
    void catalogs() {
        catalog = Backends.fromClassPath().create("local", work.resolve("catalog").toString());
        peer = Backends.fromClassPath().create("local", work.resolve("catalog").toString());
    }

    @AfterEach
    void close() {
        if (watch != null) {
            watch.stop();
        }
        catalog.close();
        peer.close();
    }

    private Path runs() {
        return work.resolve("runs");
    }

    private long runCount() throws IOException {
        return Files.exists(runs()) ? Files.readAllLines(runs()).size() : 0;
    }

    private void register(String id) {
        register(id, "db");
    }

    private void register(String id, String name) {
        peer.sendHeartbeat(new ServiceDefinition(id, name, 5432, Duration.ofSeconds(60), List.of(), "127.0.0.1"));
    }

    /** onChange appends a line, then waits until the gate file exists. */
    private UpstreamWatch watchDb() {
        return watchDb(catalog);
    }

    private UpstreamWatch watchDb(ServiceBackend backend) {
        Path gate = work.resolve("gate");
        Command onChange = Command.of("sh", "-c", "echo run >> " + runs() + "; while [ ! -f " + gate
                + " ]; do sleep 0.02; done");
        watch = new UpstreamWatch(new UpstreamConfig("db", Duration.ofSeconds(10), onChange, Duration.ZERO, ""),
                backend, runner, maintenance, AgentMetrics.NONE);
        watch.start();
        return watch;
    }

    /*
     * The counts below are read once the watch is idle (no run under way, none owed) or its run is
     * held by maintenance: events of the watch itself, so a late extra run cannot fall outside a
     * window the test happened to look at.
     */

    @Test
    void changesDuringARunAreFoldedIntoExactlyOneMoreRun() throws Exception {
        watchDb();
        register("db-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> runCount() == 1);

        register("db-2");
        register("db-3");
        register("db-4");
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.latest().size() == 4);
        Files.createFile(work.resolve("gate"));

        await().atMost(Duration.ofSeconds(10)).until(watch::idle);
        // a run per change gives 4 (or overlapping runs do); a change dropped while a run was under way gives 1
        assertThat(runCount()).as("runs once every change taken in has had its run").isEqualTo(2);
    }

    @Test
    void aWatchWaitingForChangesHoldsNoThreadAndTheNextChangeStillRuns() throws Exception {
        Files.createFile(work.resolve("gate"));
        watchDb();
        register("db-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> runCount() == 1 && watch.idle());

        // a worker parked for the next change would hold a thread (and its stack) per upstream
        await().atMost(Duration.ofSeconds(10)).until(() -> !watch.holdsAThread());

        register("db-2");
        await().atMost(Duration.ofSeconds(10)).until(() -> runCount() == 2);
    }

    @Test
    void anEmptyUpstreamDoesNotRunOnChangeAtStart() throws Exception {
        Files.createFile(work.resolve("gate"));
        register("web-1", "web");
        AtomicInteger deliveries = new AtomicInteger();
        watchDb(countingDeliveries(catalog, deliveries));

        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries.get() >= 1 && watch.idle());
        // a run for the first, empty set (or for another service's instances) has happened by now
        assertThat(runCount()).as("runs after the first delivery, an empty set").isZero();

        register("db-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> runCount() == 1);
    }

    @Test
    void changesDuringMaintenanceRunOnChangeOnceItEnds() throws Exception {
        Files.createFile(work.resolve("gate"));
        maintenance.toggle();
        watchDb();
        register("db-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> watch.latest().size() == 1);

        // the change's run is held by maintenance (a watch that ignores maintenance never waits there)
        await().atMost(Duration.ofSeconds(10)).until(() -> maintenance.waiting() == 1);
        assertThat(runCount()).as("runs while in maintenance").isZero();

        maintenance.toggle();

        await().atMost(Duration.ofSeconds(10)).until(() -> runCount() == 1 && watch.idle());
    }

    /** The real catalog, counting the deliveries of its watches once the listener has taken each in. */
    private static ServiceBackend countingDeliveries(ServiceBackend real, AtomicInteger deliveries) {
        return new ForwardingBackend(real) {
            @Override
            public Watch watch(String name, String tag, UpstreamListener listener) {
                return delegate.watch(name, tag, healthy -> {
                    listener.onChange(healthy);
                    deliveries.incrementAndGet();
                });
            }
        };
    }

    /**
     * A catalog that cannot push: the real local catalog behind a view without
     * {@link Capability#PUSH_WATCH} whose watch never delivers anything.
     */
    private static ServiceBackend withoutPush(ServiceBackend real) {
        return new ForwardingBackend(real) {
            @Override
            public Watch watch(String name, String tag, UpstreamListener listener) {
                return () -> { };
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }
        };
    }

    @Test
    void aCatalogThatCannotPushIsReReadEveryPoll() throws Exception {
        Files.createFile(work.resolve("gate"));
        watch = new UpstreamWatch(new UpstreamConfig("db", Duration.ofSeconds(1),
                Command.of("sh", "-c", "echo run >> " + runs()), Duration.ZERO, ""),
                withoutPush(catalog), runner, maintenance, AgentMetrics.NONE);
        watch.start();

        register("db-1");

        await().atMost(Duration.ofSeconds(10)).until(() -> runCount() == 1);
    }
}
