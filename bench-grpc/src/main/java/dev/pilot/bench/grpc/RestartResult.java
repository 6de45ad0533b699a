package dev.pilot.bench.grpc;

/** One subject's rolling restart: calls answered and failed while three servers restarted one by one. */
record RestartResult(String name, String integration, String backend, long answered, long failed, double seconds) {}
