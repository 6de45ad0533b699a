package dev.pilot.bench.footprint;

import dev.pilot.bench.ProcessSampler;
import dev.pilot.bench.Status;
import java.util.List;

/**
 * The agent's start-up and idle memory with one launcher or one set of JVM flags, on one backend.
 *
 * @param variant       the row's name
 * @param flags         the JVM flags or the launcher
 * @param status        whether it was measured
 * @param note          why not, or what to know about it
 * @param startupsMs    each start, from launching to the service's first registration seen in the
 *                      catalog, one at a time; for a tarball the first is the first start after unpacking
 * @param startMedianMs the median of those
 * @param idleSeconds   how long the idle agents ran before their memory was read
 * @param idleRssMb     the RSS of an idle agent then (the mean over {@code agents})
 * @param samples       the RSS and CPU of the first idle agent once a second since it started
 * @param backend       the catalog the agent ran on ({@code local} in rows of results that predate the field)
 * @param tarball       whether this is the self-contained agent ({@code bin/pilot} of the tarball)
 * @param kind          {@code tarball}, {@code jvm}, {@code containerpilot}, {@code runtime} (the tarball's
 *                      runtime running no agent) or {@code variant}
 *                      (a set of JVM flags on the local backend); null in older results
 * @param agents        how many agents idled at once, all started from one unpacked tarball (or one jar)
 * @param ussMbPerAgent the sum of their USS over {@code agents}
 * @param pssMbPerAgent the sum of their PSS over {@code agents}: what one more agent costs
 * @param archiveMb     the size of what is shipped (tarball, binary); 0 when not counted
 * @param oneBackendArchiveMb the tarball's size repacked (tar, xz -9) without the other backends'
 *                      folders: an image for this backend alone; 0 when not counted
 * @param loadAverage   the machine's one-minute load average when the memory was read
 */
public record FootprintRow(String variant, String flags, Status status, String note, List<Long> startupsMs,
                           long startMedianMs, double idleSeconds, double idleRssMb, List<ProcessSampler.Sample> samples,
                           String backend, boolean tarball, String kind, int agents, double ussMbPerAgent,
                           double pssMbPerAgent, double archiveMb, double oneBackendArchiveMb, double loadAverage) {

    public FootprintRow {
        startupsMs = List.copyOf(startupsMs == null ? List.of() : startupsMs);
        samples = List.copyOf(samples == null ? List.of() : samples);
        backend = backend == null ? "local" : backend;
        kind = kind == null ? (tarball ? Launcher.TARBALL : "variant") : kind;
    }

    /** A row of one agent's RSS with a set of JVM flags (no PSS, USS or archive). */
    FootprintRow(String variant, String flags, Status status, String note, List<Long> startupsMs, long startMedianMs,
                 double idleSeconds, double idleRssMb, List<ProcessSampler.Sample> samples, String backend, boolean tarball) {
        this(variant, flags, status, note, startupsMs, startMedianMs, idleSeconds, idleRssMb, samples, backend, tarball,
                null, 1, 0, 0, 0, 0, 0);
    }

    /** The goal for the start to the first registration: 250 ms on the embedded backend, 300 ms on a server. */
    public long startGoalMs() {
        return "local".equals(backend) ? 250 : 300;
    }

    /** The goal for an idle agent's RSS: 40 MB, 48 MB on ZooKeeper (whose client is larger). */
    public double rssGoalMb() {
        return "zookeeper".equals(backend) ? 48 : 40;
    }

    /** Whether PSS and USS were read (rows of results that predate them have none). */
    public boolean hasShares() {
        return pssMbPerAgent > 0;
    }

    static FootprintRow notMeasured(Variant variant, Status status, String note) {
        return new FootprintRow(variant.name(), variant.describeFlags(), status, note, List.of(), 0, 0, 0, List.of(),
                "local", false);
    }
}
