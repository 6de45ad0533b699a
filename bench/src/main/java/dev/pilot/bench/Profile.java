package dev.pilot.bench;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * How much each measurement does: {@link #FULL} is what {@code BENCHMARKS.md} reports,
 * {@link #QUICK} checks a change in a few minutes, {@link #SMOKE} only proves every measurement
 * still runs (CI). Every load loop is bounded both by these counts and by these durations.
 *
 * @param changes            recorded changes per backend (change latency)
 * @param warmupChanges      changes made first and not recorded
 * @param heartbeatServices  services heartbeating in one process (heartbeat throughput)
 * @param heartbeatRound     length of one timed heartbeat round
 * @param heartbeatRounds    rounds per client, raw and Pilot interleaved
 * @param idleWindow         how long requests are counted while a client idles (idle load)
 * @param scaleRungs         watched upstreams at each rung of the scale ladder, smallest first
 * @param scaleServices      the most services one scale process heartbeats (fewer where the
 *                           catalog's raw client cannot sustain them, and never more than upstreams)
 * @param scaleRungDuration  length of each scale rung below the top
 * @param scaleDuration      length of the top scale rung
 * @param footprintIdle      how long the agent idles before its RSS is read
 * @param footprintStarts    agent starts timed per set of JVM flags
 * @param footprintAgents    agents idling at once from one launcher (ten containers from one image;
 *                           the smoke profile only proves the sharing is read)
 * @param footprintImages    whether the tarball is packed again per backend to weigh an image
 *                           with that backend alone (xz -9, as {@code scripts/dist}: about a
 *                           minute each)
 * @param jmhForks           JMH forks (0 runs in this JVM)
 * @param jmhWarmups         JMH warm-up iterations
 * @param jmhIterations      JMH measured iterations
 * @param jmhIterationTime   length of one JMH iteration
 */
public record Profile(String name, int changes, int warmupChanges, int heartbeatServices,
                      Duration heartbeatRound, int heartbeatRounds, Duration idleWindow,
                      List<Integer> scaleRungs, int scaleServices, Duration scaleRungDuration, Duration scaleDuration,
                      Duration footprintIdle, int footprintStarts, int footprintAgents, boolean footprintImages,
                      int jmhForks, int jmhWarmups, int jmhIterations, Duration jmhIterationTime) {

    public static final Profile FULL = new Profile("full", 200, 30, 1000, Duration.ofSeconds(6), 2,
            Duration.ofSeconds(45), List.of(10, 100, 1000), 1000, Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofSeconds(60), 5, 10, true, 1, 3, 5, Duration.ofSeconds(1));

    public static final Profile QUICK = new Profile("quick", 50, 10, 200, Duration.ofSeconds(3), 1,
            Duration.ofSeconds(10), List.of(10, 100), 200, Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(10), 2, 10, false, 1, 1, 2, Duration.ofSeconds(1));

    public static final Profile SMOKE = new Profile("smoke", 4, 2, 10, Duration.ofMillis(300), 1,
            Duration.ofSeconds(1), List.of(3), 3, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(2), 1, 2, false, 0, 0, 1, Duration.ofMillis(100));

    public Profile {
        scaleRungs = List.copyOf(scaleRungs);
        if (scaleRungs.isEmpty() || scaleRungs.stream().anyMatch(rung -> rung < 1) || changes < 1 || heartbeatServices < 1 || heartbeatRounds < 1 || scaleServices < 1 || footprintStarts < 1 || footprintAgents < 1 || jmhIterations < 1) {
            throw new IllegalArgumentException("profile " + name + ": counts must be positive");
        }
    }

    /**
     * This profile with another scale ladder: at most {@code services} services, each rung below
     * the top for {@code rung}, the top one for {@code top}.
     */
    public Profile withScale(int services, Duration rung, Duration top) {
        return new Profile(name, changes, warmupChanges, heartbeatServices, heartbeatRound, heartbeatRounds, idleWindow,
                scaleRungs, services, rung, top, footprintIdle, footprintStarts, footprintAgents, footprintImages, jmhForks, jmhWarmups, jmhIterations, jmhIterationTime);
    }

    /** The profile called {@code name}: full, quick or smoke. */
    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "full" -> FULL;
            case "quick" -> QUICK;
            case "smoke" -> SMOKE;
            default -> throw new IllegalArgumentException("profile: expected full, quick or smoke, got '" + name + "'");
        };
    }
}
