package dev.pilot.bench.scale;

/**
 * What a scale workload reports about itself.
 *
 * @param heartbeats heartbeats sent successfully; -1 when unknown (the agent, seen from outside)
 * @param failures   heartbeats that threw
 * @param late       gaps between two heartbeats of a service longer than its TTL (it would have expired);
 *                   for the agent, the times a registered service left the healthy set
 * @param maxGapMs   the longest gap between two heartbeats of one service; -1 when unknown
 * @param deliveries watch deliveries (the initial set of each upstream, and any change)
 * @param firstFailure the message of the first heartbeat that failed; empty when none did
 */
public record ScaleOutcome(long heartbeats, long failures, long late, long maxGapMs, long deliveries, String firstFailure) {

    public ScaleOutcome {
        firstFailure = firstFailure == null ? "" : firstFailure;
    }
}
