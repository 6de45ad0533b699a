package dev.pilot.bench.scale;

import java.util.List;
import java.util.Map;

/**
 * What a scale workload reports about itself.
 *
 * @param heartbeats heartbeats sent successfully; -1 when unknown (the agent, seen from outside)
 * @param failures   heartbeats that threw (for the agent, "heartbeat failed" lines of its log); -1 when unknown
 * @param late       gaps between two heartbeats of a service longer than its TTL (it would have expired);
 *                   for the agent, the times a registered service left the healthy set
 * @param maxGapMs   the longest gap between two heartbeats of one service; -1 when unknown
 * @param deliveries watch deliveries (the initial set of each upstream, and any change)
 * @param firstFailure the message of the first heartbeat that failed; empty when none did
 * @param memory     the workload's memory at each stage of its start and at the end; empty for the agent
 * @param nativeEndKb memory committed per Native Memory Tracking category at the end, in kB; empty without it
 * @param connections the most TCP connections the workload held to the catalog's server, counted by
 *                    the workload itself once every watch delivered its first set and again at the
 *                    end (events it waits for, so an open connection cannot be missed); -1 with no
 *                    server ({@code local}) or when unknown (the agent)
 */
public record ScaleOutcome(long heartbeats, long failures, long late, long maxGapMs, long deliveries, String firstFailure,
                           List<MemoryPoint> memory, Map<String, Long> nativeEndKb, int connections) {

    public ScaleOutcome {
        firstFailure = firstFailure == null ? "" : firstFailure;
        memory = memory == null ? List.of() : List.copyOf(memory);
        nativeEndKb = nativeEndKb == null ? Map.of() : Map.copyOf(nativeEndKb);
    }

    static ScaleOutcome unknown(long late) {
        return new ScaleOutcome(-1, -1, late, -1, -1, "", List.of(), Map.of(), -1);
    }

    /**
     * The agent's: {@code late} as seen from outside, {@code failures} the heartbeats its own log
     * says failed.
     */
    static ScaleOutcome agent(long late, long failures) {
        return new ScaleOutcome(-1, failures, late, -1, -1, "", List.of(), Map.of(), -1);
    }

    /** The memory point of {@code stage}, if the workload reported it. */
    java.util.Optional<MemoryPoint> at(String stage) {
        return memory.stream().filter(point -> point.stage().equals(stage)).findFirst();
    }
}
