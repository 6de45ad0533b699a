package dev.pilot.bench.reliability;

import dev.pilot.testservers.TcpProxy;
import java.util.Map;
import java.util.Optional;

/**
 * One backend's catalog under fault injection: how Pilot reaches it (directly, or through a
 * {@link TcpProxy}), and the faults this machine can inject into it. A fault it cannot inject
 * says why instead ({@link #cannot}).
 */
interface FaultTarget extends AutoCloseable {

    /** The backend name, e.g. {@code consul}. */
    String backend();

    /** Pilot's configuration reaching the server directly. */
    Object directConfig();

    /** Pilot's configuration reaching the server through the proxy, where there is one. */
    Object faultableConfig();

    /** The proxy between {@link #faultableConfig()} and the server; empty for {@code local}. */
    Optional<TcpProxy> proxy();

    /** Why {@code scenario} cannot be injected into this catalog here; empty when it can. */
    Optional<String> cannot(FaultScenario scenario);

    /** Stops the server, deletes its data and starts it again (empty); returns once it serves. */
    void wipe();

    /** SIGKILLs the server (its data kept where it persists any); {@link #restart} brings it back. */
    void kill();

    /** Starts the server again after {@link #kill}; returns once it serves. */
    void restart();

    /** SIGSTOPs the server. */
    void freeze();

    /** SIGCONTs it. */
    void thaw();

    /** Stops the server for good. */
    @Override
    void close();

    /** The description of the server, for the report. */
    default Map<String, String> facts() {
        return Map.of();
    }
}
