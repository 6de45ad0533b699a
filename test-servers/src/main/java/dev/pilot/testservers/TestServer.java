package dev.pilot.testservers;

/**
 * A real catalog server started by a test: what the conformance suite's fault tests stop,
 * restart and wipe. Every implementation keeps its ports across restarts, so clients reconnect
 * to the same address, and stops its server on {@link #close}, also when a test failed.
 *
 * <p>Implementations are started by a static {@code launch} factory that returns once the server
 * serves. {@code stop} and {@code start} are idempotent; all methods are thread-safe.
 */
public interface TestServer extends AutoCloseable {

    /** What a client connects to: {@code host:port}, or a comma-separated list for a cluster. */
    String address();

    /** Stops the server, keeping its data. Returns once it no longer accepts connections. */
    void stop();

    /**
     * Starts a stopped server on the same ports. Returns once it serves requests.
     *
     * @throws IllegalStateException when the server was closed, or does not become ready in time
     *         (the message then holds the reason, e.g. the end of the server's log)
     */
    void start();

    /** Stops and starts the server; with {@code wipeData} it comes back empty. */
    default void restart(boolean wipeData) {
        stop();
        if (wipeData) {
            wipeData();
        }
        start();
    }

    /**
     * Deletes the data of a stopped server.
     *
     * @throws IllegalStateException when the server still runs
     */
    void wipeData();

    /** Stops the server for good and deletes its data. Calling it again does nothing. */
    @Override
    void close();

    /** Starts {@code server} and returns it; a server that fails to start is closed, so nothing is left running. */
    static <S extends TestServer> S started(S server) {
        try {
            server.start();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }
}
