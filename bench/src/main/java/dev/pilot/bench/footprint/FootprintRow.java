package dev.pilot.bench.footprint;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.Status;
import java.util.List;

/**
 * The agent's start-up and idle memory with one set of JVM flags.
 *
 * @param variant      the name of the set of flags
 * @param flags        the JVM flags
 * @param status       whether it was measured
 * @param note         why not, or what to know about it
 * @param startupsMs   each start, from launching the JVM to the service's first registration seen in the catalog
 * @param startMedianMs the median of those
 * @param idleSeconds  how long the idle agent ran before its RSS was read
 * @param idleRssMb    its RSS then
 * @param samples      its RSS and CPU once a second since it started
 * @param backend      the catalog the agent ran on ({@code local} in rows of results that predate the field)
 * @param tarball      whether this is the self-contained agent ({@code bin/pilot} of the tarball),
 *                     whose first start is the first one after unpacking
 */
public record FootprintRow(String variant, String flags, Status status, String note, List<Long> startupsMs,
                           long startMedianMs, double idleSeconds, double idleRssMb, List<ProcessSampler.Sample> samples,
                           String backend, boolean tarball) {

    public FootprintRow {
        startupsMs = List.copyOf(startupsMs);
        samples = List.copyOf(samples);
        backend = backend == null ? "local" : backend;
    }

    /** The goal for the start to the first registration: 300 ms on the embedded backend, 400 ms on a server. */
    public long startGoalMs() {
        return "local".equals(backend) ? 300 : 400;
    }

    static FootprintRow notMeasured(Variant variant, Status status, String note) {
        return new FootprintRow(variant.name(), variant.describeFlags(), status, note, List.of(), 0, 0, 0, List.of(),
                "local", false);
    }
}
