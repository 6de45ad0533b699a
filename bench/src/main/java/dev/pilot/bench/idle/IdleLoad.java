package dev.pilot.bench.idle;

import dev.pilot.bench.Measurement;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.agent.AgentLaunch;
import dev.pilot.bench.agent.AgentProcess;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Idle load: the requests per minute a Pilot client sends to its server while nothing changes,
 * watching 10 upstreams and heartbeating 3 services with a 10 s TTL every 5 s: first the library
 * doing just that, then the agent configured so (when its jar is built). The backends idle at the
 * same time, each against its own server, so each client takes one window.
 */
public final class IdleLoad implements Measurement {

    static final int UPSTREAMS = 10;
    static final int SERVICES = 3;
    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    static final String LIBRARY = "Pilot library: 10 watches, 3 services, ttl 10 s, heartbeat every 5 s";
    static final String AGENT = "agent: 10 backends (onChange), 3 services, ttl 10 s, poll 5 s";

    @Override
    public String id() {
        return "idle-load";
    }

    @Override
    public List<IdleRow> run(RunContext context) {
        Duration window = context.profile().idleWindow();
        Optional<Path> agent = AgentArtifact.find();
        context.log("idle load: %s window on %s at once, Pilot library%s", window, context.backends(),
                agent.isPresent() ? ", then the agent" : "");
        List<IdleRow> rows = new ArrayList<>(idleTogether(context, window, LIBRARY, IdleLoad::startLibrary));
        if (agent.isPresent()) {
            rows.addAll(idleTogether(context, window, AGENT, (ctx, backend, config, prefix) -> startAgent(agent.get(), backend, config, prefix)));
        } else {
            context.backends().stream().filter(backend -> !backend.equals("local")).forEach(backend ->
                    rows.add(IdleRow.notMeasured(backend, AGENT, Status.NOT_MEASURED, AgentArtifact.NOT_AVAILABLE)));
        }
        rows.sort(java.util.Comparator.comparingInt(row -> context.backends().indexOf(row.backend())));
        return rows;
    }

    /** Starts an idle client on {@code backend} with {@code config}; closing it stops it. */
    @FunctionalInterface
    private interface IdleClient {
        AutoCloseable start(RunContext context, String backend, Object config, String prefix);
    }

    /** Every backend's client idles at the same time, each against its own server. */
    private static List<IdleRow> idleTogether(RunContext context, Duration window, String client, IdleClient idleClient) {
        Map<String, Future<IdleRow>> running = new LinkedHashMap<>();
        List<IdleRow> rows = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String backend : context.backends()) {
                if (backend.equals("local")) {
                    continue;
                }
                if (!context.hasPilotBackend(backend)) {
                    rows.add(IdleRow.notMeasured(backend, client, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE));
                    continue;
                }
                Catalog catalog;
                try {
                    catalog = context.catalogs().open(backend);
                } catch (RuntimeException e) {
                    rows.add(IdleRow.notMeasured(backend, client, Status.FAILED, "not measured: server did not start: " + e.getMessage()));
                    continue;
                }
                running.put(backend, threads.submit(() -> measure(context, catalog, window, client, idleClient)));
            }
            for (var entry : running.entrySet()) {
                try {
                    rows.add(entry.getValue().get());
                } catch (ExecutionException e) {
                    rows.add(IdleRow.notMeasured(entry.getKey(), client, Status.FAILED, "failed: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    rows.add(IdleRow.notMeasured(entry.getKey(), client, Status.FAILED, "interrupted"));
                }
            }
        }
        return rows;
    }

    private static IdleRow measure(RunContext context, Catalog catalog, Duration window, String client, IdleClient idleClient)
            throws Exception {
        String backend = catalog.backend();
        String prefix = "idle" + Long.toHexString(System.nanoTime() & 0xfffff);
        try (RequestMeter meter = RequestMeter.forCatalog(catalog);
             ChangeWriter writer = catalog.changeWriter()) {
            for (int i = 0; i < UPSTREAMS; i++) {
                writer.add(prefix + "up" + i, prefix + "up" + i + "-a", 9000 + i);
            }
            Map<String, Long> counted;
            double seconds;
            try (AutoCloseable running = idleClient.start(context, backend, meter.pilotConfig(), prefix)) {
                LockSupport.parkNanos(SETTLE.toNanos());
                Map<String, Long> before = meter.counts();
                long start = System.nanoTime();
                LockSupport.parkNanos(window.toNanos());
                counted = RequestCounts.difference(before, meter.counts());
                seconds = (System.nanoTime() - start) / 1e9;
            }
            for (int i = 0; i < UPSTREAMS; i++) {
                writer.remove(prefix + "up" + i, prefix + "up" + i + "-a");
            }
            return row(backend, client, meter.method(), seconds, counted);
        }
    }

    /** The library workload: one backend object, 10 watches, 3 services heartbeating on a virtual thread. */
    private static AutoCloseable startLibrary(RunContext context, String backend, Object config, String prefix) {
        ServiceBackend pilot = context.createPilotBackend(backend, config).orElseThrow();
        List<Watch> watches = new ArrayList<>();
        for (int i = 0; i < UPSTREAMS; i++) {
            watches.add(pilot.watch(prefix + "up" + i, "", healthy -> { }));
        }
        List<ServiceDefinition> services = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            services.add(new ServiceDefinition(prefix + "svc" + i + "-1", prefix + "svc" + i, 8000 + i, TTL, List.of(), "127.0.0.1"));
        }
        long end = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        Thread heartbeats = Thread.ofVirtual().name("bench-idle-heartbeats-" + backend).start(() -> {
            while (!stopped.get() && System.nanoTime() < end) {
                services.forEach(pilot::sendHeartbeat);
                LockSupport.parkNanos(HEARTBEAT_EVERY.toNanos());
            }
        });
        return () -> {
            stopped.set(true);
            heartbeats.interrupt();
            heartbeats.join();
            watches.forEach(Watch::cancel);
            services.forEach(pilot::deregister);
            pilot.close();
        };
    }

    /** The agent: 3 services (ttl 10 s, poll 5 s, no health command) and 10 upstreams with an onChange command. */
    private static AutoCloseable startAgent(Path jar, String backend, Object config, String prefix) {
        List<Map<String, Object>> services = new ArrayList<>();
        for (int i = 0; i < SERVICES; i++) {
            services.add(Map.of("name", prefix + "svc" + i, "port", 8000 + i, "poll", HEARTBEAT_EVERY.toSeconds(),
                    "ttl", TTL.toSeconds()));
        }
        List<Map<String, Object>> upstreams = new ArrayList<>();
        for (int i = 0; i < UPSTREAMS; i++) {
            upstreams.add(Map.of("name", prefix + "up" + i, "poll", HEARTBEAT_EVERY.toSeconds(), "onChange", List.of("true")));
        }
        return AgentProcess.start(jar, AgentLaunch.FLAGS, Map.of(backend, config, "services", services, "backends", upstreams),
                Duration.ofMinutes(30));
    }

    private static IdleRow row(String backend, String client, String method, double seconds, Map<String, Long> counted) {
        double minutes = seconds / 60;
        Map<String, Double> byKind = new TreeMap<>();
        counted.forEach((kind, count) -> byKind.put(kind, round(count / minutes)));
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        long beyond = total - counted.getOrDefault(RequestCounts.HEARTBEAT, 0L) - counted.getOrDefault(RequestCounts.PING, 0L);
        return new IdleRow(backend, client, Status.MEASURED, "", method, round(seconds), UPSTREAMS, round(total / minutes),
                byKind, round(beyond / minutes / UPSTREAMS));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
