package dev.pilot.bench.grpc;

import java.util.List;

/** What one run of the gRPC benchmark stores in {@code bench/results/grpc-routing.json}. */
record GrpcResults(String started, String command, String commit, String loadavgBefore, String loadavgAfter,
                   List<RoutingResult> routing, List<RestartResult> restarts) {}
