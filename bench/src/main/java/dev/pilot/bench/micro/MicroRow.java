package dev.pilot.bench.micro;

import dev.pilot.bench.Status;

/**
 * One JMH result.
 *
 * @param benchmark what was measured, e.g. {@code UpstreamTracker.update}
 * @param size      instances in the healthy set
 * @param status    whether it was measured
 * @param note      why not, or what to know about it
 * @param score     mean time per operation; -1 when not measured
 * @param error     the 99.9 % confidence half-interval of the score; -1 when unknown (one iteration)
 * @param unit      the unit of score and error
 */
public record MicroRow(String benchmark, int size, Status status, String note, double score, double error, String unit) {}
