package dev.pilot.discovery.consul;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a plain-HTTP agent that records the request line of every
 * HTTP/1.1 request passing through it: how the tests count the requests a backend makes. It keeps
 * the bodies too, for what the agent's API does not report back (a check's
 * {@code DeregisterCriticalServiceAfter}).
 */
final class CountingProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final Queue<String> requestLines = new ConcurrentLinkedQueue<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final Thread acceptor;

    CountingProxy(String targetAddress) throws IOException {
        int colon = targetAddress.lastIndexOf(':');
        this.targetHost = targetAddress.substring(0, colon);
        this.targetPort = Integer.parseInt(targetAddress.substring(colon + 1));
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("counting-proxy").start(this::accept);
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String address() {
        return listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort();
    }

    /** How many {@code method} requests went through whose path starts with {@code pathPrefix}. */
    long count(String method, String pathPrefix) {
        String prefix = method + " " + pathPrefix;
        return requestLines.stream().filter(line -> line.startsWith(prefix)).count();
    }

    /** Every request line seen, oldest first. */
    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    /** How many client connections are open: each blocking query in flight holds one. */
    int openConnections() {
        return openConnections.get();
    }

    /** Every request seen, as its request line, a new line and its body, oldest first. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requestLines.clear();
        requests.clear();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                openConnections.incrementAndGet();
                Thread.ofVirtual().name("counting-proxy-up").start(() -> forwardRequests(client, server));
                Thread.ofVirtual().name("counting-proxy-down").start(() -> pump(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies HTTP/1.1 requests (head, then Content-Length bytes of body) and records each request line. */
    private void forwardRequests(Socket from, Socket to) {
        try (InputStream in = new BufferedInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            while (true) {
                ByteArrayOutputStream head = new ByteArrayOutputStream();
                String requestLine = null;
                long contentLength = 0;
                String line;
                while ((line = readLine(in, head)) != null && !line.isEmpty()) {
                    if (requestLine == null) {
                        requestLine = line;
                    } else if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        contentLength = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                    }
                }
                if (line == null) {
                    return;
                }
                requestLines.add(requestLine);
                byte[] body = in.readNBytes((int) contentLength);
                requests.add(requestLine + "\n" + new String(body, StandardCharsets.UTF_8));
                out.write(head.toByteArray());
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // a side closed
        } finally {
            openConnections.decrementAndGet();
            closeQuietly(to);
        }
    }

    private static String readLine(InputStream in, ByteArrayOutputStream copy) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            copy.write(b);
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
            }
            line.write(b);
        }
        return null;
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // a side closed
        } finally {
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
        sockets.forEach(CountingProxy::closeQuietly);
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
