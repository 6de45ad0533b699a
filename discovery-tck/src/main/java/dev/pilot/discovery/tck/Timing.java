package dev.pilot.discovery.tck;

import java.time.Duration;

/**
 * The time limits of the backend contract, stretched by a slack factor so that the suite checks
 * behaviour without flaking on a busy machine. The benchmarks, not these tests, measure speed.
 * Set {@code -Dpilot.tck.slack=1} to hold a backend to the contract's exact figures.
 */
public final class Timing {

    private static final double SLACK = Double.parseDouble(System.getProperty("pilot.tck.slack", "2"));

    /** "Within a second" of the contract: visibility, maintenance, deregistration, watch delivery. */
    public static final Duration PROMPTLY = stretch(Duration.ofSeconds(1));

    /** How long after the TTL an instance may stay healthy once heartbeats stop. */
    public static final Duration TTL_GRACE = stretch(Duration.ofSeconds(2));

    /** The default timeout of a backend's requests to its server. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** How long a server may take to come back after a restart, and a client to notice. */
    public static final Duration RECOVERY = stretch(Duration.ofSeconds(10));

    /**
     * The limit on the median latency of a pushed change. Not stretched: the real figures are a few
     * milliseconds (BENCHMARKS.md) and a poller's median is half its interval, so a fixed limit
     * far between the two holds on a busy machine and fails a 1 s poller at any slack.
     */
    public static final Duration PUSH_LIMIT = Duration.ofMillis(250);

    /**
     * How long an instance must at least stay healthy after its last heartbeat, as a fraction of
     * its TTL. Not stretched: a busy machine makes expiry late, never early.
     */
    public static final double TTL_LOWER_BOUND = 0.8;

    private Timing() {}

    /** {@code contract} stretched by the slack factor. */
    public static Duration stretch(Duration contract) {
        return Duration.ofMillis((long) (contract.toMillis() * SLACK));
    }
}
