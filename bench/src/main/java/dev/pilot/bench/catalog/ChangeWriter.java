package dev.pilot.bench.catalog;

/**
 * Adds and removes instances of a service with the server's own client, in the layout Pilot's
 * backend reads (ContainerPilot 2's, for the coordinated filesystems). Each call returns once
 * the server has accepted the write.
 */
public interface ChangeWriter extends AutoCloseable {

    /** Makes {@code id} a healthy instance of {@code service} on 127.0.0.1:{@code port}. */
    void add(String service, String id, int port);

    /** Removes instance {@code id} of {@code service}. */
    void remove(String service, String id);

    @Override
    void close();
}
