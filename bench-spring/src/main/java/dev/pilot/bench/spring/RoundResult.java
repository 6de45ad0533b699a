package dev.pilot.bench.spring;

import java.util.List;

/**
 * One subject's results; every sample is kept.
 *
 * @param registrationMs   registration → first routed request, per round
 * @param deregistrationMs deregistration → last routed request, per round (0: none after it)
 * @param departedRequests requests that reached the instance after its deregistration, per round
 * @param timeouts         rounds that waited past the cap
 * @param requestsSent     requests the client sent in all
 * @param catalogRequestsPerSecond requests the client application sent its catalog per second during
 *                         the rounds (heartbeats of the registrar not included); null when not
 *                         counted (no catalog server, or a result stored before it was counted)
 */
public record RoundResult(String name, String integration, String backend, int rounds, List<Double> registrationMs,
                          List<Double> deregistrationMs, List<Long> departedRequests, int timeouts, long requestsSent,
                          Double catalogRequestsPerSecond) {

    public RoundResult {
        registrationMs = List.copyOf(registrationMs);
        deregistrationMs = List.copyOf(deregistrationMs);
        departedRequests = List.copyOf(departedRequests);
    }
}
