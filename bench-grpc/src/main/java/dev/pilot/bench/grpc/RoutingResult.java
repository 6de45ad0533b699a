package dev.pilot.bench.grpc;

import java.util.List;

/**
 * One subject's routing rounds; every sample is kept.
 *
 * @param registrationMs   registration → first routed RPC, per round
 * @param deregistrationMs deregistration → last routed RPC, per round (0: none after it)
 * @param departedCalls    calls that reached the instance after its deregistration, per round
 * @param timeouts         rounds that waited past the cap
 */
record RoutingResult(String name, String integration, String backend, int rounds, List<Double> registrationMs,
                     List<Double> deregistrationMs, List<Long> departedCalls, int timeouts) {

    RoutingResult {
        registrationMs = List.copyOf(registrationMs);
        deregistrationMs = List.copyOf(deregistrationMs);
        departedCalls = List.copyOf(departedCalls);
    }
}
