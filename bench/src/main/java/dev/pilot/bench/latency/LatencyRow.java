package dev.pilot.bench.latency;

import dev.pilot.bench.Distribution;
import dev.pilot.bench.Status;

/**
 * One observer's change latencies on one backend.
 *
 * @param backend       the backend
 * @param observer      who saw the changes: {@link #PILOT}, {@link #AGENT} or the raw client (its name)
 * @param raw           whether the observer is the server's own client (the physical limit)
 * @param status        whether it was measured
 * @param note          why not, or what to know about it
 * @param latency       the summary of the recorded changes
 * @param misses        recorded changes the observer did not see within the deadline
 * @param samplesMicros every recorded latency, in microseconds, in the order of the changes
 */
public record LatencyRow(String backend, String observer, boolean raw, Status status, String note,
                         Distribution latency, int misses, long[] samplesMicros) {

    public static final String PILOT = "Pilot watch listener";
    public static final String AGENT = "agent onChange command";

    static LatencyRow notMeasured(String backend, String observer, boolean raw, Status status, String note) {
        return new LatencyRow(backend, observer, raw, status, note, Distribution.ofNanos(new long[0]), 0, new long[0]);
    }
}
