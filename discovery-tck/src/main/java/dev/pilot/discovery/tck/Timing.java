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

    private Timing() {}

    /** {@code contract} stretched by the slack factor. */
    public static Duration stretch(Duration contract) {
        return Duration.ofMillis((long) (contract.toMillis() * SLACK));
    }
}
