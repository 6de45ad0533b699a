package dev.pilot.bench.throughput;

import dev.pilot.bench.Measurement;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.PilotHeartbeats;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Heartbeat throughput: heartbeats per second for many services in one process, Pilot's
 * {@code sendHeartbeat} against the server's own client doing the equivalent write (Consul: the
 * TTL check's pass endpoint; etcd: lease keep-alive-once; ZooKeeper: setData; local: the
 * instance file's modification time set to the new expiry). Same services count, same
 * concurrency, rounds interleaved so drift in the machine's load hits both alike.
 */
public final class HeartbeatThroughput implements Measurement {

    /** Heartbeats in flight at once, for both clients: an agent's services heartbeat independently. */
    static final int CONCURRENCY = 16;
    /** The upper bound of heartbeats in one round, whatever its length. */
    static final long MAX_PER_ROUND = 500_000;
    private static final Duration TTL = Duration.ofSeconds(120);

    @Override
    public String id() {
        return "heartbeat-throughput";
    }

    @Override
    public List<ThroughputRow> run(RunContext context) {
        List<ThroughputRow> rows = new ArrayList<>();
        for (String backend : context.backends()) {
            rows.addAll(measure(context, backend));
        }
        return rows;
    }

    private List<ThroughputRow> measure(RunContext context, String backend) {
        String rawName = RawHeartbeatNames.describe(backend);
        Catalog catalog;
        try {
            catalog = context.catalogs().open(backend);
        } catch (RuntimeException e) {
            String note = "not measured: server did not start: " + e.getMessage();
            return List.of(ThroughputRow.notMeasured(backend, rawName, true, Status.FAILED, note),
                    ThroughputRow.notMeasured(backend, ThroughputRow.PILOT, false, Status.FAILED, note));
        }
        int count = context.profile().heartbeatServices();
        context.log("heartbeat throughput on %s: %d services, %d in flight, %d rounds of %s", backend, count,
                CONCURRENCY, context.profile().heartbeatRounds(), context.profile().heartbeatRound());
        Optional<ServiceBackend> pilotBackend = context.createPilotBackend(backend, catalog.pilotConfig());
        try (HeartbeatClient raw = catalog.rawHeartbeats();
             HeartbeatClient pilot = pilotBackend.<HeartbeatClient>map(PilotHeartbeats::new).orElse(null)) {
            HeartbeatLoad rawLoad = new HeartbeatLoad(raw, services("hbraw", count), CONCURRENCY);
            HeartbeatLoad pilotLoad = pilot == null ? null : new HeartbeatLoad(pilot, services("hbpilot", count), CONCURRENCY);
            rawLoad.registerAll();
            if (pilotLoad != null) {
                pilotLoad.registerAll();
            }
            List<HeartbeatLoad.Round> rawRounds = new ArrayList<>();
            List<HeartbeatLoad.Round> pilotRounds = new ArrayList<>();
            for (int round = 0; round < context.profile().heartbeatRounds(); round++) {
                rawRounds.add(rawLoad.round(context.profile().heartbeatRound(), MAX_PER_ROUND));
                if (pilotLoad != null) {
                    pilotRounds.add(pilotLoad.round(context.profile().heartbeatRound(), MAX_PER_ROUND));
                }
            }
            ThroughputRow rawRow = row(backend, rawName, true, count, rawRounds, 0);
            List<ThroughputRow> rows = new ArrayList<>(List.of(rawRow));
            if (pilotLoad == null) {
                rows.add(ThroughputRow.notMeasured(backend, ThroughputRow.PILOT, false, Status.NOT_MEASURED,
                        RunContext.BACKEND_NOT_AVAILABLE));
            } else {
                double pilotRate = mean(pilotRounds);
                rows.add(row(backend, ThroughputRow.PILOT, false, count, pilotRounds,
                        rawRow.perSecond() == 0 ? 0 : Math.round(pilotRate / rawRow.perSecond() * 100) / 100.0));
            }
            return rows;
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String note = "failed: " + e;
            return List.of(ThroughputRow.notMeasured(backend, rawName, true, Status.FAILED, note),
                    ThroughputRow.notMeasured(backend, ThroughputRow.PILOT, false, Status.FAILED, note));
        } finally {
            // Thousands of registrations would slow the next measurements: start them on a fresh server.
            context.catalogs().discard(backend);
        }
    }

    private static ThroughputRow row(String backend, String client, boolean raw, int services,
                                     List<HeartbeatLoad.Round> rounds, double ratio) {
        long failures = rounds.stream().mapToLong(HeartbeatLoad.Round::failures).sum();
        return new ThroughputRow(backend, client, raw, Status.MEASURED,
                failures == 0 ? "" : failures + " heartbeats failed", services, CONCURRENCY,
                Math.round(mean(rounds)), rounds.stream().map(round -> (double) Math.round(round.perSecond())).toList(),
                failures, ratio);
    }

    private static double mean(List<HeartbeatLoad.Round> rounds) {
        return rounds.stream().mapToDouble(HeartbeatLoad.Round::perSecond).average().orElse(0);
    }

    private static List<ServiceDefinition> services(String name, int count) {
        List<ServiceDefinition> services = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            services.add(new ServiceDefinition(name + "-" + i, name, 10_000 + i % 50_000, TTL, List.of(), "127.0.0.1"));
        }
        return services;
    }
}
