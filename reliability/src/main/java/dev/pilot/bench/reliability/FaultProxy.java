package dev.pilot.bench.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a server on 127.0.0.1 that can cut the network between
 * them, as a partition would: while {@linkplain #cut() cut}, whatever the client sends is read and
 * dropped (counted), nothing reaches the server and nothing comes back, and new connections are
 * accepted but never joined to the server, so the client sees timeouts, not refusals. On
 * {@link #heal()} the connections that lost bytes are closed (their streams are broken, as after
 * a real partition) and new ones pass again. Threads are virtual and stop on {@link #close}.
 */
final class FaultProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<Socket> broken = new CopyOnWriteArrayList<>();
    private final AtomicLong writesWhileCut = new AtomicLong();
    private final AtomicLong connectionsWhileCut = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean cut;
    private volatile boolean closed;

    FaultProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = Thread.ofVirtual().name("fault-proxy-accept").start(this::accept);
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** Cuts the network: from now on nothing passes either way. */
    void cut() {
        writesWhileCut.set(0);
        connectionsWhileCut.set(0);
        cut = true;
    }

    /** Heals it: the connections that lost bytes are closed; new ones pass. */
    void heal() {
        cut = false;
        for (Socket socket : broken) {
            closeQuietly(socket);
        }
        broken.clear();
    }

    /** Client writes (reads by the proxy) seen since the last {@link #cut()}, none delivered. */
    long writesWhileCut() {
        return writesWhileCut.get();
    }

    /** Connections the client opened since the last {@link #cut()}. */
    long connectionsWhileCut() {
        return connectionsWhileCut.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                sockets.add(client);
                if (cut) {
                    connectionsWhileCut.incrementAndGet();
                }
                Thread.ofVirtual().name("fault-proxy-join").start(() -> join(client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[reliability] proxy to port " + targetPort + ": " + e);
                }
            }
        }
    }

    /** Joins {@code client} to the server once the network is not cut, dropping what it sends meanwhile. */
    private void join(Socket client) {
        try {
            if (cut) {
                broken.add(client);
                drain(client);
                return;
            }
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            server.setTcpNoDelay(true);
            sockets.add(server);
            Thread.ofVirtual().name("fault-proxy-down").start(() -> pump(server, client, false));
            pump(client, server, true);
        } catch (IOException e) {
            closeQuietly(client); // the server is down: the client sees the connection close
        }
    }

    private void drain(Socket client) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = client.getInputStream()) {
            while (!closed && in.read(buffer) >= 0) {
                writesWhileCut.incrementAndGet();
            }
        } catch (IOException e) {
            // closed on heal
        } finally {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (cut) {
                    // partitioned: this connection loses the bytes and is closed on heal
                    if (fromClient) {
                        writesWhileCut.incrementAndGet();
                    }
                    broken.add(from);
                    broken.add(to);
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(FaultProxy::closeQuietly);
        acceptor.interrupt();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
