package dev.pilot.testservers;

import dev.pilot.discovery.spi.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of one server address: the one loopback proxy of the tests and
 * benchmarks. It <b>counts</b> the client connections going through it (how a test sees how many
 * connections a backend opens and holds), lets a test look at the requests on the way (an
 * {@link Upstream} copies what a client sends, by default byte for byte), and <b>cuts</b> the
 * network as a partition would.
 *
 * <p>While {@linkplain #cut() cut}, whatever either side sends is read and <b>dropped</b> (the
 * client's writes counted), and new connections are accepted but never joined to the server, so
 * the client sees timeouts, not refusals. On {@link #heal()} the connections that lost bytes are
 * closed (their streams are broken, as after a real partition) and new ones pass again. A client
 * whose server cannot be reached (it is down) sees its connection closed.
 *
 * <p>Each joined client gets its own connection to the server and two named virtual threads, one
 * copying each way. A connection counts as open from its accept until the client-to-server copy
 * ends; then both sockets are closed. {@link #close()} closes the listener and every connection.
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
    private final String name;
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> broken = new ConcurrentLinkedQueue<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicLong writesWhileCut = new AtomicLong();
    private final AtomicLong connectionsWhileCut = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean answersCut;

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
        this.name = "pilot-tcp-proxy-" + listener.getLocalPort();
        this.acceptor = Threads.start(name, this::accept);
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

    /** Cuts the network: from now on nothing passes either way. Resets the counts of what a cut saw. */
    public void cut() {
        writesWhileCut.set(0);
        connectionsWhileCut.set(0);
        cut = true;
    }

    /**
     * Cuts the way back only: requests still reach the server, which acts on them, but its answers
     * are dropped, so a client cannot tell whether a request took effect. {@link #heal()} ends it.
     */
    public void cutAnswers() {
        answersCut = true;
    }

    /** Heals it: the connections that lost bytes are closed; new ones pass. */
    public void heal() {
        cut = false;
        answersCut = false;
        Socket socket;
        while ((socket = broken.poll()) != null) {
            closeQuietly(socket);
        }
    }

    /** Client writes (reads by the proxy) dropped since the last {@link #cut()}. */
    public long writesWhileCut() {
        return writesWhileCut.get();
    }

    /** Connections the client opened since the last {@link #cut()}. */
    public long connectionsWhileCut() {
        return connectionsWhileCut.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(client);
            accepted.incrementAndGet();
            if (cut) {
                connectionsWhileCut.incrementAndGet();
                broken.add(client);
                Threads.start(name + "-drop", () -> drop(client));
            } else {
                Threads.start(name + "-join", () -> join(client));
            }
        }
    }

    /** Joins {@code client} to the server; a server that cannot be reached closes the client. */
    private void join(Socket client) {
        Socket server;
        try {
            server = new Socket(targetHost, targetPort);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        sockets.add(server);
        mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        Threads.start(name + "-down", () -> pump(server, client));
        try (InputStream in = client.getInputStream(); OutputStream out = new Gate(server.getOutputStream(), client, server, true)) {
            upstream.copy(in, out);
        } catch (IOException e) {
            // a side closed
        } finally {
            open.decrementAndGet();
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    /** Reads and drops what a client sends over a cut network, until {@link #heal()} closes it. */
    private void drop(Socket client) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                writesWhileCut.incrementAndGet();
            }
        } catch (IOException e) {
            // closed on heal
        } finally {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = new Gate(to.getOutputStream(), from, to, false)) {
            in.transferTo(out);
        } catch (IOException e) {
            // a side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /**
     * Passes writes through while the network is whole; while it is cut, drops them and marks the
     * connection broken, to be closed on {@link #heal()}.
     */
    private final class Gate extends OutputStream {
        private final OutputStream out;
        private final Socket one;
        private final Socket other;
        private final boolean fromClient;

        Gate(OutputStream out, Socket one, Socket other, boolean fromClient) {
            this.out = out;
            this.one = one;
            this.other = other;
            this.fromClient = fromClient;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (cut || (answersCut && !fromClient)) {
                if (fromClient) {
                    writesWhileCut.incrementAndGet();
                }
                broken.add(one);
                broken.add(other);
                return;
            }
            out.write(bytes, offset, length);
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
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
    public void close() {
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public String toString() {
        return "TcpProxy[" + address() + " -> " + targetHost + ":" + targetPort + "]";
    }
}
