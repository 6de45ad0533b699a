package dev.pilot.bench.catalog;

import dev.pilot.discovery.ServiceDefinition;

/**
 * What the heartbeat throughput benchmark drives: register a service once, then keep it alive.
 * Implemented by Pilot's backend and by each server's own client doing the equivalent write.
 * Safe for use by many threads.
 */
public interface HeartbeatClient extends AutoCloseable {

    /** Registers {@code service} so that later heartbeats only refresh it. */
    void register(ServiceDefinition service);

    /** Refreshes the registration of {@code service}: one heartbeat. */
    void heartbeat(ServiceDefinition service);

    /** Removes {@code service}. */
    void deregister(ServiceDefinition service);

    @Override
    void close();
}
