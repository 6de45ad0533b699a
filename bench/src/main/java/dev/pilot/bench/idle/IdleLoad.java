package dev.pilot.bench.idle;

import dev.pilot.bench.Measurement;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.locks.LockSupport;

/**
 * Idle load: the requests per minute a Pilot client sends to its server while nothing changes,
 * watching 10 upstreams and heartbeating 3 services with a 10 s TTL every 5 s (an agent's
 * workload). The backends idle at the same time, each against its own server, so the run takes
 * one window.
 */
public final class IdleLoad implements Measurement {

    static final int UPSTREAMS = 10;
    static final int SERVICES = 3;
    static final Duration TTL = Duration.ofSeconds(10);
    static final Duration HEARTBEAT_EVERY = Duration.ofSeconds(5);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    static final String CLIENT = "Pilot library: 10 watches, 3 services, ttl 10 s, heartbeat every 5 s";

    @Override
    public String id() {
        return "idle-load";
    }

    @Override
    public List<IdleRow> run(RunContext context) {
        Map<String, Future<IdleRow>> running = new LinkedHashMap<>();
        List<IdleRow> rows = new ArrayList<>();
        Duration window = context.profile().idleWindow();
        context.log("idle load: %s window on %s at once", window, context.backends());
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String backend : context.backends()) {
                if (backend.equals("local")) {
                    continue;
                }
                if (!context.hasPilotBackend(backend)) {
                    running.put(backend, java.util.concurrent.CompletableFuture.completedFuture(
                            IdleRow.notMeasured(backend, CLIENT, Status.NOT_MEASURED, RunContext.BACKEND_NOT_AVAILABLE)));
                    continue;
                }
                Catalog catalog;
                try {
                    catalog = context.catalogs().open(backend);
                } catch (RuntimeException e) {
                    running.put(backend, java.util.concurrent.CompletableFuture.completedFuture(IdleRow.notMeasured(backend,
                            CLIENT, Status.FAILED, "not measured: server did not start: " + e.getMessage())));
                    continue;
                }
                running.put(backend, threads.submit(() -> measure(context, catalog, window)));
            }
            for (var entry : running.entrySet()) {
                try {
                    rows.add(entry.getValue().get());
                } catch (ExecutionException e) {
                    rows.add(IdleRow.notMeasured(entry.getKey(), CLIENT, Status.FAILED, "failed: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    rows.add(IdleRow.notMeasured(entry.getKey(), CLIENT, Status.FAILED, "interrupted"));
                }
            }
        }
        return rows;
    }

    private static IdleRow measure(RunContext context, Catalog catalog, Duration window) {
        String backend = catalog.backend();
        String prefix = "idle" + Long.toHexString(System.nanoTime() & 0xfffff);
        try (RequestMeter meter = RequestMeter.forCatalog(catalog);
             ChangeWriter writer = catalog.changeWriter();
             ServiceBackend pilot = context.createPilotBackend(backend, meter.pilotConfig()).orElseThrow()) {
            for (int i = 0; i < UPSTREAMS; i++) {
                writer.add(prefix + "up" + i, prefix + "up" + i + "-a", 9000 + i);
            }
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < UPSTREAMS; i++) {
                watches.add(pilot.watch(prefix + "up" + i, "", healthy -> { }));
            }
            List<ServiceDefinition> services = new ArrayList<>();
            for (int i = 0; i < SERVICES; i++) {
                services.add(new ServiceDefinition(prefix + "svc" + i + "-1", prefix + "svc" + i, 8000 + i, TTL, List.of(), "127.0.0.1"));
            }
            long end = System.nanoTime() + SETTLE.plus(window).toNanos();
            Thread heartbeats = Thread.ofVirtual().name("bench-idle-heartbeats-" + backend).start(() -> {
                while (System.nanoTime() < end) {
                    services.forEach(pilot::sendHeartbeat);
                    LockSupport.parkNanos(Math.min(HEARTBEAT_EVERY.toNanos(), Math.max(0, end - System.nanoTime())));
                }
            });
            LockSupport.parkNanos(SETTLE.toNanos());
            Map<String, Long> before = meter.counts();
            long start = System.nanoTime();
            LockSupport.parkNanos(window.toNanos());
            Map<String, Long> counted = RequestCounts.difference(before, meter.counts());
            double seconds = (System.nanoTime() - start) / 1e9;
            heartbeats.join();
            watches.forEach(Watch::cancel);
            services.forEach(pilot::deregister);
            for (int i = 0; i < UPSTREAMS; i++) {
                writer.remove(prefix + "up" + i, prefix + "up" + i + "-a");
            }
            return row(backend, meter.method(), seconds, counted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return IdleRow.notMeasured(backend, CLIENT, Status.FAILED, "interrupted");
        }
    }

    private static IdleRow row(String backend, String method, double seconds, Map<String, Long> counted) {
        double minutes = seconds / 60;
        Map<String, Double> byKind = new TreeMap<>();
        counted.forEach((kind, count) -> byKind.put(kind, round(count / minutes)));
        long total = counted.values().stream().mapToLong(Long::longValue).sum();
        long beyond = total - counted.getOrDefault(RequestCounts.HEARTBEAT, 0L) - counted.getOrDefault(RequestCounts.PING, 0L);
        return new IdleRow(backend, CLIENT, Status.MEASURED, "", method, round(seconds), UPSTREAMS, round(total / minutes),
                byKind, round(beyond / minutes / UPSTREAMS));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
