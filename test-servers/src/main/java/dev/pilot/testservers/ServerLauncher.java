package dev.pilot.testservers;

/**
 * What every launcher does the same way: its {@link TestServer} life ({@code start}, {@code stop},
 * {@code wipeData}, {@code close}) is its {@link ServerGroup}'s, under the launcher's lock. The
 * launcher adds its factory and what only it can do (a cluster's leader, a node's
 * restart). Thread-safe.
 *
 * @param <N> the launcher's kind of server
 */
abstract class ServerLauncher<N extends ServerNode> implements TestServer {

    /** The launcher's servers. */
    abstract ServerGroup<N> servers();

    /** The client addresses of the launcher's servers, running or not: {@code 127.0.0.1:p0,127.0.0.1:p1,…}. */
    @Override
    public String address() {
        return servers().address();
    }

    @Override
    public synchronized void start() {
        servers().start();
    }

    @Override
    public synchronized void stop() {
        servers().stop();
    }

    @Override
    public synchronized void wipeData() {
        servers().wipeData();
    }

    @Override
    public synchronized void close() {
        servers().close();
    }

    /** {@code <launcher>[<address>]}, e.g. {@code EtcdServer[127.0.0.1:2379]}. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + address() + "]";
    }
}
