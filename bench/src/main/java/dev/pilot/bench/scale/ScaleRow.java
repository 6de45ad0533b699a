package dev.pilot.bench.scale;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.Status;
import java.util.List;

/**
 * One process with many services and watched upstreams on one backend, over minutes.
 *
 * @param backend     the backend
 * @param process     what ran (the library workload or the agent) and its JVM flags
 * @param status      whether it was measured
 * @param note        why not, or what to know about it
 * @param services    services heartbeating, and upstreams watched
 * @param seconds     how long it ran
 * @param cpuPercent  mean CPU use, percent of one core
 * @param rssMaxMb    the largest RSS seen
 * @param rssEndMb    RSS at the end
 * @param outcome     what the process reported (heartbeats, late ones, longest gap)
 * @param samples     RSS and CPU samples, once a second
 */
public record ScaleRow(String backend, String process, Status status, String note, int services, double seconds,
                       double cpuPercent, double rssMaxMb, double rssEndMb, ScaleOutcome outcome,
                       List<ProcessSampler.Sample> samples) {

    public ScaleRow {
        samples = List.copyOf(samples);
    }

    static ScaleRow notMeasured(String backend, String process, Status status, String note) {
        return new ScaleRow(backend, process, status, note, 0, 0, 0, 0, 0, new ScaleOutcome(0, 0, 0, 0, 0, ""), List.of());
    }
}
