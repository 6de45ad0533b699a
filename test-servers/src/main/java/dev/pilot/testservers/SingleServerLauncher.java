package dev.pilot.testservers;

/**
 * A launcher of one server process: its {@link ProcessServer} signals go to that process.
 * Thread-safe.
 *
 * @param <N> the launcher's kind of server
 */
abstract class SingleServerLauncher<N extends ServerNode> extends ServerLauncher<N> implements ProcessServer {

    @Override
    public synchronized void kill() {
        servers().node(0).kill();
    }

    @Override
    public synchronized void freeze() {
        servers().node(0).freeze();
    }

    @Override
    public synchronized void thaw() {
        servers().node(0).thaw();
    }
}
