package dev.pilot.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of one server address that counts the client connections
 * going through it: how a test sees how many connections a backend opens and holds.
 *
 * <p>Each accepted client gets its own connection to the server and two named virtual threads,
 * one copying each way. A connection counts as open from its accept until the client-to-server
 * copy ends; then both sockets are closed. What goes from client to server is copied by a
 * {@link Upstream}, by default byte for byte, so a test can look at the requests on the way (see
 * the Consul tests' request counting). {@link #close()} closes the listener and every connection.
 * Thread-safe.
 */
public final class TcpProxy implements AutoCloseable {

    /** Copies what a client sends to the server, until the client's stream ends. */
    @FunctionalInterface
    public interface Upstream {
        void copy(InputStream fromClient, OutputStream toServer) throws IOException;
    }

    private final String targetHost;
    private final int targetPort;
    private final Upstream upstream;
    private final ServerSocket listener;
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final Thread acceptor;

    /**
     * Listens on a free port and forwards byte for byte.
     *
     * @param targetAddress {@code host:port} of the server
     */
    public TcpProxy(String targetAddress) throws IOException {
        this(targetAddress, InputStream::transferTo);
    }

    /**
     * Listens on a free port and copies client-to-server traffic with {@code upstream}.
     *
     * @param targetAddress {@code host:port} of the server
     */
    public TcpProxy(String targetAddress, Upstream upstream) throws IOException {
        int colon = targetAddress.lastIndexOf(':');
        if (colon <= 0 || colon == targetAddress.length() - 1) {
            throw new IllegalArgumentException("target address must be host:port, got '" + targetAddress + "'");
        }
        this.targetHost = targetAddress.substring(0, colon);
        this.targetPort = Integer.parseInt(targetAddress.substring(colon + 1));
        this.upstream = upstream;
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("pilot-tcp-proxy-" + listener.getLocalPort()).start(this::accept);
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    public String address() {
        return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    /** How many client connections it accepted since it started. */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** How many client connections are open now. */
    public int openConnections() {
        return open.get();
    }

    /** The most client connections that were open at once since it started. */
    public int mostOpenConnections() {
        return mostOpen.get();
    }

    private void accept() {
        String name = "pilot-tcp-proxy-" + listener.getLocalPort();
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                accepted.incrementAndGet();
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread.ofVirtual().name(name + "-up").start(() -> forwardUp(client, server));
                Thread.ofVirtual().name(name + "-down").start(() -> pump(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void forwardUp(Socket client, Socket server) {
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            upstream.copy(in, out);
        } catch (IOException e) {
            // a side closed
        } finally {
            open.decrementAndGet();
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // a side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    /** Closes the listener and every connection; returns once it accepts no more. */
    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(TcpProxy::closeQuietly);
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[" + address() + " -> " + targetHost + ":" + targetPort + "]";
    }
}
