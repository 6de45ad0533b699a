package dev.pilot.bench.idle;

import dev.pilot.bench.Measurement;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.agent.AgentArtifact;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
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
 * doing just that, then the agent configured so (when its jar is built). Each client is counted
 * twice: with its whole workload, then with the watches alone, which is what watching costs
 * whatever requests a heartbeat takes. The backends idle at the same time, each against its own
 * server, so each window is taken once for all of them.
 */
public final class IdleLoad implements Measurement {

    static final int UPSTREAMS = 10;
    static final int SERVICES = 3;
    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    /**
     * Time for a client to start and make its first reads before counting starts: 3 s for the
     * library, and up to 10 s for the agent, which starts a JVM first (in the short profiles, as long
     * as the window, at least 3 s for the agent).
     */
    private static final Duration SETTLE_LIBRARY = Duration.ofSeconds(3);
    private static final Duration SETTLE_AGENT_MAX = Duration.ofSeconds(10);
    public static final String LIBRARY = "Pilot library: 10 watches, 3 services, ttl 10 s, heartbeat every 5 s";
    public static final String AGENT = "agent: 10 backends (onChange), 3 services, ttl 10 s, poll 5 s";

    /** What one window counted on one backend, or why it could not. */
    private record Window(Map<String, Long> counts, double seconds, String method, String failure) {}

    @Override
    public String id() {
        return "idle-load";
    }

    @Override
    public List<IdleRow> run(RunContext context) {
        Duration window = context.profile().idleWindow();
        Optional<Path> agent = AgentArtifact.find();
        List<String> servers = context.backends().stream().filter(backend -> !backend.equals("local")).toList();
        context.log("idle load: %s windows on %s at once; the library%s, each with and without heartbeats", window,
                servers, agent.isPresent() ? ", then the agent" : "");
        List<IdleRow> rows = new ArrayList<>();
        Duration librarySettle = window.compareTo(SETTLE_LIBRARY) < 0 ? window : SETTLE_LIBRARY;
        rows.addAll(measure(context, servers, window, librarySettle, LIBRARY, IdleClients::library));
        if (agent.isPresent()) {
            Duration settle = window.compareTo(SETTLE_AGENT_MAX) > 0 ? SETTLE_AGENT_MAX
                    : window.compareTo(SETTLE_LIBRARY) < 0 ? SETTLE_LIBRARY : window;
            rows.addAll(measure(context, servers, window, settle, AGENT, (ctx, backend, config, prefix, heartbeats) ->
                    IdleClients.agent(agent.get(), backend, config, prefix, heartbeats)));
        } else {
            servers.forEach(backend -> rows.add(IdleRow.notMeasured(backend, AGENT, Status.NOT_MEASURED, AgentArtifact.NOT_AVAILABLE)));
        }
        rows.sort(java.util.Comparator.comparingInt(row -> servers.indexOf(row.backend())));
        return rows;
    }

    /** The client's two windows on every server, as rows. */
    private static List<IdleRow> measure(RunContext context, List<String> servers, Duration window, Duration settle,
                                         String client, IdleClients.Factory factory) {
        List<IdleRow> rows = new ArrayList<>();
        Map<String, Catalog> catalogs = new LinkedHashMap<>();
        for (String backend : servers) {
            if (!context.hasPilotBackend(backend)) {
                rows.add(IdleRow.notMeasured(backend, client, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE));
                continue;
            }
            try {
                catalogs.put(backend, context.catalogs().open(backend));
            } catch (RuntimeException e) {
                rows.add(IdleRow.notMeasured(backend, client, Status.FAILED, "not measured: server did not start: " + e.getMessage()));
            }
        }
        Map<String, Window> whole = together(context, catalogs, settle, window, factory, true);
        Map<String, Window> watchesOnly = together(context, catalogs, settle, window, factory, false);
        for (String backend : catalogs.keySet()) {
            Window all = whole.get(backend);
            Window watching = watchesOnly.get(backend);
            String failure = all.failure() != null ? all.failure() : watching.failure();
            rows.add(failure != null ? IdleRow.notMeasured(backend, client, Status.FAILED, "failed: " + failure)
                    : row(backend, client, all, watching));
        }
        return rows;
    }

    /** One window on every catalog at once. */
    private static Map<String, Window> together(RunContext context, Map<String, Catalog> catalogs, Duration settle,
                                                Duration window, IdleClients.Factory factory, boolean heartbeats) {
        Map<String, Future<Window>> running = new LinkedHashMap<>();
        Map<String, Window> windows = new LinkedHashMap<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            catalogs.forEach((backend, catalog) ->
                    running.put(backend, threads.submit(() -> count(context, catalog, settle, window, factory, heartbeats))));
            running.forEach((backend, future) -> {
                try {
                    windows.put(backend, future.get());
                } catch (ExecutionException e) {
                    windows.put(backend, new Window(Map.of(), 0, "", String.valueOf(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    windows.put(backend, new Window(Map.of(), 0, "", "interrupted"));
                }
            });
        }
        return windows;
    }

    private static Window count(RunContext context, Catalog catalog, Duration settle, Duration window,
                                IdleClients.Factory factory, boolean heartbeats) throws Exception {
        String prefix = "idle" + Long.toHexString(System.nanoTime() & 0xfffff);
        try (RequestMeter meter = RequestMeter.forCatalog(catalog);
             ChangeWriter writer = catalog.changeWriter()) {
            for (int i = 0; i < UPSTREAMS; i++) {
                writer.add(prefix + "up" + i, prefix + "up" + i + "-a", 9000 + i);
            }
            try (IdleClients.Running client = factory.start(context, catalog.backend(), meter.pilotConfig(), prefix, heartbeats)) {
                LockSupport.parkNanos(settle.toNanos());
                Map<String, Long> before = meter.counts();
                long start = System.nanoTime();
                LockSupport.parkNanos(window.toNanos());
                Map<String, Long> counted = RequestCounts.difference(before, meter.counts());
                double seconds = (System.nanoTime() - start) / 1e9;
                return new Window(counted, seconds, meter.method(), client.failure().orElse(null));
            } finally {
                for (int i = 0; i < UPSTREAMS; i++) {
                    writer.remove(prefix + "up" + i, prefix + "up" + i + "-a");
                }
            }
        }
    }

    private static IdleRow row(String backend, String client, Window all, Window watching) {
        double minutes = all.seconds() / 60;
        Map<String, Double> byKind = new TreeMap<>();
        all.counts().forEach((kind, count) -> {
            if (count > 0) {
                byKind.put(kind, round(count / minutes));
            }
        });
        long total = sum(all.counts());
        long watchOnly = sum(watching.counts()) - watching.counts().getOrDefault(RequestCounts.PING, 0L);
        double watchPerMinute = watchOnly / (watching.seconds() / 60);
        return new IdleRow(backend, client, Status.MEASURED, "", all.method(), round(all.seconds()), UPSTREAMS,
                round(total / minutes), byKind, round(watchPerMinute), round(watchPerMinute / UPSTREAMS));
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
