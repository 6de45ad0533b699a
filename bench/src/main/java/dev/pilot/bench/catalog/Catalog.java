package dev.pilot.bench.catalog;

/**
 * A catalog under measurement: its server running on 127.0.0.1 (for {@code local}, a directory),
 * the raw configuration Pilot's backend is created with, and the server's own client, which
 * gives the baselines Pilot is compared with. The baselines never go through Pilot.
 *
 * <p>A catalog is opened once per run and closed at its end, stopping its server.
 */
public interface Catalog extends AutoCloseable {

    /** The backend name, as {@code Backends} knows it: {@code local}, {@code consul}, … */
    String backend();

    /** The server's name and version, for the report, e.g. {@code Consul v1.8.7}. */
    String serverVersion();

    /** What {@code Backends.create(backend(), …)} takes to reach this server. */
    Object pilotConfig();

    /** A raw client that adds and removes instances of a service, in the layout Pilot reads. */
    ChangeWriter changeWriter();

    /**
     * The server's own change notification for {@code service}, seen by its own client: calls
     * {@code listener} with the ids of the instances after each notification, starting with
     * the current ones.
     */
    RawWatch rawWatch(String service, ViewListener listener);

    /** The server's own client doing what a heartbeat does (see {@link HeartbeatClient}). */
    HeartbeatClient rawHeartbeats();

    /** Stops the server and deletes its data. */
    @Override
    void close();
}
