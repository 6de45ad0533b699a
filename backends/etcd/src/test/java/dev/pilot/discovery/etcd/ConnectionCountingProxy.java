package dev.pilot.discovery.etcd;

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
 * A TCP proxy on 127.0.0.1 in front of one plain-HTTP etcd client URL that counts the client
 * connections open through it: how the tests see how many connections a backend holds.
 */
final class ConnectionCountingProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final Thread acceptor;

    /** @param targetAddress {@code host:port} of the etcd client URL */
    ConnectionCountingProxy(String targetAddress) throws IOException {
        int colon = targetAddress.lastIndexOf(':');
        this.targetHost = targetAddress.substring(0, colon);
        this.targetPort = Integer.parseInt(targetAddress.substring(colon + 1));
        this.listener = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("connection-counting-proxy").start(this::accept);
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String address() {
        return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    /** How many client connections are open now. */
    int openConnections() {
        return open.get();
    }

    /** The most client connections that were open at once since the proxy started. */
    int mostOpenConnections() {
        return mostOpen.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread.ofVirtual().name("connection-counting-proxy-up").start(() -> {
                    pump(client, server);
                    open.decrementAndGet();
                });
                Thread.ofVirtual().name("connection-counting-proxy-down").start(() -> pump(server, client));
            } catch (IOException e) {
                return; // closed
            }
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

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(ConnectionCountingProxy::closeQuietly);
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
