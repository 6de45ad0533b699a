package dev.pilot.testservers;

import dev.pilot.discovery.spi.Threads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP listener on 127.0.0.1 that accepts every connection and never answers: what a client
 * sees when its server hangs (a stuck process, a full disk, a half-dead proxy). Unlike a stopped
 * server, which refuses at once, this makes a client wait, so a test can check that every
 * operation gives up within its timeout.
 *
 * <p>It accepts on a named virtual thread and holds every connection open without reading or
 * writing. {@link #stop()} closes the listener and every accepted connection (clients then see
 * a reset or end of stream, and later a refused connection); {@link #start()} listens again on the
 * same port. Thread-safe.
 */
public final class SilentServer implements TestServer {

    private final int port;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket listener;
    private Thread acceptor;
    private boolean closed;

    private SilentServer() {
        this.port = FreePorts.pick();
    }

    /** Starts listening and returns at once. */
    public static SilentServer launch() {
        return TestServer.started(new SilentServer());
    }

    /** {@code 127.0.0.1:port}. */
    @Override
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** How many connections it accepted so far (and holds open while running). */
    public int acceptedConnections() {
        return accepted.size();
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("silent server at " + address() + " is closed");
        }
        if (listener != null) {
            return;
        }
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            acceptor = Threads.start("pilot-silent-server-" + port, () -> acceptUntilClosed(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address(), e);
        }
    }

    /**
     * Closes the listener and every connection it accepted; returns once the port refuses. The
     * accepting thread is waited for: while a virtual thread is blocked in {@code accept}, closing
     * the socket only wakes it, and the port keeps accepting until that thread has run again.
     */
    @Override
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        joinUninterruptibly(acceptor);
        acceptor = null;
        accepted.forEach(SilentServer::closeQuietly);
        accepted.clear();
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nothing to delete: it keeps no data. */
    @Override
    public void wipeData() {}

    @Override
    public synchronized void close() {
        stop();
        closed = true;
    }

    private void acceptUntilClosed(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.add(connection);
                if (socket.isClosed()) {
                    closeQuietly(connection); // accepted while stop() ran
                }
            } catch (IOException e) {
                return; // closed by stop()
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // stopping anyway
        }
    }

    @Override
    public String toString() {
        return "SilentServer[" + address() + "]";
    }
}
