package dev.pilot.bench.throughput;

import dev.pilot.bench.Status;
import java.util.List;

/**
 * Heartbeat throughput of one client on one backend.
 *
 * @param backend       the backend
 * @param client        {@link #PILOT} or the raw client's name
 * @param raw           whether it is the server's own client
 * @param status        whether it was measured
 * @param note          why not, or what to know about it
 * @param services      services heartbeating
 * @param concurrency   heartbeats in flight at once
 * @param perSecond     heartbeats per second, the mean of the rounds
 * @param rounds        heartbeats per second of each round
 * @param failures      heartbeats that threw
 * @param ratioToRaw    Pilot's rate over the raw client's (Pilot's row only; 0 elsewhere)
 */
public record ThroughputRow(String backend, String client, boolean raw, Status status, String note, int services,
                            int concurrency, double perSecond, List<Double> rounds, long failures, double ratioToRaw) {

    public static final String PILOT = "Pilot sendHeartbeat";

    public ThroughputRow {
        rounds = List.copyOf(rounds);
    }

    static ThroughputRow notMeasured(String backend, String client, boolean raw, Status status, String note) {
        return new ThroughputRow(backend, client, raw, status, note, 0, 0, 0, List.of(), 0, 0);
    }
}
