package dev.pilot.bench.latency;

import dev.pilot.bench.Distribution;
import dev.pilot.bench.Measurement;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.agent.OnChangeWatch;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.ViewListener;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Change latency: from just before the server's own client writes a change (adds or removes an
 * instance of an upstream that already has three) to the moment each observer sees it: the
 * server's own client's watch (the physical limit), Pilot's {@code watch} listener and, when the
 * agent's jar is built, the agent's {@code onChange} command, all watching the same changes in the
 * same run. One change at a time; the next is written once every
 * observer saw the last (or after a deadline, counted as a miss).
 */
public final class ChangeLatency implements Measurement {

    static final int BASE_INSTANCES = 3;
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final int PORT = 9000;
    /** The least pause between two changes; a random part of up to as much again is added. */
    static final Duration PAUSE = Duration.ofMillis(50);

    /** One party that watches the changes. */
    private record Observer(String name, boolean raw, Function<ViewListener, AutoCloseable> start) {}

    @Override
    public String id() {
        return "change-latency";
    }

    @Override
    public List<LatencyRow> run(RunContext context) {
        List<LatencyRow> rows = new ArrayList<>();
        for (String backend : context.backends()) {
            rows.addAll(measure(context, backend));
        }
        return rows;
    }

    private List<LatencyRow> measure(RunContext context, String backend) {
        Catalog catalog;
        try {
            catalog = context.catalogs().open(backend);
        } catch (RuntimeException e) {
            String note = "not measured: server did not start: " + e.getMessage();
            return List.of(LatencyRow.notMeasured(backend, RawClients.describe(backend), true, Status.FAILED, note),
                    LatencyRow.notMeasured(backend, LatencyRow.PILOT, false, Status.FAILED, note),
                    LatencyRow.notMeasured(backend, LatencyRow.AGENT, false, Status.FAILED, note));
        }
        String rawName = RawClients.describe(backend);
        Optional<ServiceBackend> pilot = context.createPilotBackend(backend, catalog.pilotConfig());
        String service = "latency" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffff);
        List<Observer> observers = new ArrayList<>();
        observers.add(new Observer(rawName, true, listener -> catalog.rawWatch(service, listener)));
        pilot.ifPresent(backendObject -> observers.add(new Observer(LatencyRow.PILOT, false,
                listener -> backendObject.watch(service, "", healthy -> listener.onView(System.nanoTime(), ids(healthy))))));
        Optional<Path> agent = AgentArtifact.find();
        if (pilot.isPresent() && agent.isPresent()) {
            observers.add(new Observer(LatencyRow.AGENT, false,
                    listener -> OnChangeWatch.start(agent.get(), backend, catalog.pilotConfig(), service, listener)));
        }
        context.log("change latency on %s: %d changes after %d warm-up, observers %s", backend,
                context.profile().changes(), context.profile().warmupChanges(),
                observers.stream().map(Observer::name).toList());
        List<LatencyRow> rows = new ArrayList<>();
        try (ChangeWriter writer = catalog.changeWriter()) {
            rows.addAll(measure(context, backend, service, writer, observers));
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String note = "failed: " + e;
            observers.forEach(observer -> rows.add(LatencyRow.notMeasured(backend, observer.name(), observer.raw(), Status.FAILED, note)));
        } finally {
            pilot.ifPresent(ServiceBackend::close);
        }
        if (pilot.isEmpty()) {
            rows.add(LatencyRow.notMeasured(backend, LatencyRow.PILOT, false, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE));
            rows.add(LatencyRow.notMeasured(backend, LatencyRow.AGENT, false, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE));
        } else if (AgentArtifact.find().isEmpty()) {
            rows.add(LatencyRow.notMeasured(backend, LatencyRow.AGENT, false, Status.NOT_MEASURED, AgentArtifact.NOT_AVAILABLE));
        }
        return rows;
    }

    private List<LatencyRow> measure(RunContext context, String backend, String service, ChangeWriter writer,
                                     List<Observer> observers) throws InterruptedException {
        for (int i = 0; i < BASE_INSTANCES; i++) {
            writer.add(service, "base-" + i, PORT + i);
        }
        int warmup = context.profile().warmupChanges();
        int total = warmup + context.profile().changes();
        ChangeProbe probe = new ChangeProbe(observers.size(), total);
        List<AutoCloseable> running = new ArrayList<>();
        String[] startFailures = new String[observers.size()];
        String lastAdded = null;
        try {
            for (int i = 0; i < observers.size(); i++) {
                try {
                    running.add(observers.get(i).start().apply(probe.listener(i)));
                } catch (RuntimeException e) {
                    if (observers.get(i).raw()) {
                        throw e; // without the raw client there is nothing to compare with
                    }
                    probe.exclude(i);
                    startFailures[i] = "failed: " + e.getMessage();
                    context.log("%s on %s did not start: %s", observers.get(i).name(), backend, e.getMessage());
                }
            }
            for (int change = 0; change < total; change++) {
                boolean add = change % 2 == 0;
                String id = add ? "probe-" + change : lastAdded;
                probe.expect(id, add, change >= warmup);
                if (add) {
                    writer.add(service, id, PORT + BASE_INSTANCES);
                    lastAdded = id;
                } else {
                    writer.remove(service, id);
                    lastAdded = null;
                }
                probe.awaitSeen(DEADLINE);
                // Pacing: each change is an isolated event, as in production, not part of a storm that
                // a client may rightly rate-limit (Pilot's Consul watch allows a burst, then one read
                // per 50 ms); the random part keeps changes out of step with anything periodic.
                LockSupport.parkNanos(PAUSE.plusMillis(ThreadLocalRandom.current().nextInt((int) PAUSE.toMillis())).toNanos());
            }
        } finally {
            running.forEach(ChangeLatency::closeQuietly);
            if (lastAdded != null) {
                writer.remove(service, lastAdded);
            }
            for (int i = 0; i < BASE_INSTANCES; i++) {
                writer.remove(service, "base-" + i);
            }
        }
        List<LatencyRow> rows = new ArrayList<>();
        for (int i = 0; i < observers.size(); i++) {
            Observer observer = observers.get(i);
            if (startFailures[i] != null) {
                rows.add(LatencyRow.notMeasured(backend, observer.name(), observer.raw(), Status.FAILED, startFailures[i]));
                continue;
            }
            long[] nanos = probe.latencies(i);
            int misses = probe.misses(i);
            rows.add(new LatencyRow(backend, observer.name(), observer.raw(), Status.MEASURED,
                    misses == 0 ? "" : misses + " of " + context.profile().changes() + " changes not seen within " + DEADLINE.toSeconds() + " s",
                    Distribution.ofNanos(nanos), misses, micros(nanos)));
        }
        return rows;
    }

    private static Set<String> ids(List<Instance> healthy) {
        return healthy.stream().map(Instance::id).collect(Collectors.toSet());
    }

    private static long[] micros(long[] nanos) {
        long[] micros = new long[nanos.length];
        for (int i = 0; i < nanos.length; i++) {
            micros[i] = nanos[i] / 1_000;
        }
        return micros;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("[bench] stopping a watch failed: " + e);
        }
    }
}
