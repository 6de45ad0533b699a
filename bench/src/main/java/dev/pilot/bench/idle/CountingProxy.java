package dev.pilot.bench.idle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A TCP proxy on 127.0.0.1 in front of a server on 127.0.0.1 that counts the requests a client
 * sends through it: each connection's client-to-server bytes go through a fresh
 * {@link RequestParser}, the server's answers pass untouched. Threads are virtual and stop on
 * {@link #close}.
 */
final class CountingProxy implements AutoCloseable {

    /** Recognizes requests in one connection's client-to-server byte stream. */
    interface RequestParser {
        void feed(byte[] buffer, int length, RequestCounts counts);
    }

    private final int targetPort;
    private final Supplier<RequestParser> parsers;
    private final RequestCounts counts = new RequestCounts();
    private final ServerSocket listener;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    CountingProxy(int targetPort, Supplier<RequestParser> parsers) throws IOException {
        this.targetPort = targetPort;
        this.parsers = parsers;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = Thread.ofVirtual().name("bench-proxy-accept").start(this::accept);
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    RequestCounts counts() {
        return counts;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                RequestParser parser = parsers.get();
                Thread.ofVirtual().name("bench-proxy-up").start(() -> pump(client, server, parser));
                Thread.ofVirtual().name("bench-proxy-down").start(() -> pump(server, client, null));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[bench] proxy to port " + targetPort + ": " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, RequestParser parser) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (parser != null) {
                    parser.feed(buffer, read, counts);
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
        sockets.forEach(CountingProxy::closeQuietly);
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
