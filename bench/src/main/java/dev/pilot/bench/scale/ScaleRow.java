package dev.pilot.bench.scale;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.Status;
import java.util.List;

/**
 * One rung of the scale ladder on one backend, for one process: {@code upstreams} watched
 * upstreams and {@code services} services heartbeating, for {@code seconds}.
 *
 * @param backend       the backend
 * @param process       {@code library} (the {@link ScaleWorkload}) or {@code agent}
 * @param flags         the process's JVM flags
 * @param status        whether it was measured
 * @param note          why not, or what to know about it
 * @param upstreams     watched upstreams
 * @param services      services heartbeating (TTL 10 s, every 5 s)
 * @param seconds       how long it ran
 * @param cpuPercent    mean CPU use once started (after its changes and a settling time), percent of one core
 * @param rssMaxMb      the largest RSS seen
 * @param rssEndMb      RSS at the end
 * @param threads       the most threads the process had (from {@code /proc})
 * @param connections   the most TCP connections it held to the catalog's server at once: the larger of
 *                      the gauges' readings every 2 s and a count taken at an event the code waits
 *                      for (the library: once every watch delivered and at the end; the agent: once
 *                      every service is healthy); -1 for {@code local}
 * @param changeMedianMs median time from a raw client's write to one upstream (the last watched) to
 *                      the process's listener; -1 when not measured (the agent)
 * @param rawCeiling    TTL updates per second the catalog's own client reached with the most
 *                      services registered, in this run; -1 when not measured
 * @param outcome       what the process reported, or was seen to do from outside
 * @param samples       RSS and CPU samples, once a second
 */
public record ScaleRow(String backend, String process, String flags, Status status, String note, int upstreams,
                       int services, double seconds, double cpuPercent, double rssMaxMb, double rssEndMb, int threads,
                       int connections, double changeMedianMs, double rawCeiling, ScaleOutcome outcome,
                       List<ProcessSampler.Sample> samples) {

    static final String LIBRARY = "library";
    static final String AGENT = "agent";

    public ScaleRow {
        samples = List.copyOf(samples);
    }

    static ScaleRow notMeasured(String backend, String process, int upstreams, Status status, String note) {
        return new ScaleRow(backend, process, "", status, note, upstreams, 0, 0, 0, 0, 0, 0, 0, -1, -1,
                ScaleOutcome.unknown(0), List.of());
    }

    boolean measured() {
        return status == Status.MEASURED;
    }
}
