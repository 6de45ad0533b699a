package dev.pilot.discovery.consul;

import dev.pilot.testservers.TcpProxy;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link TcpProxy} in front of a plain-HTTP agent that records the request line of every
 * HTTP/1.1 request passing through it: how the tests count the requests a backend makes. It keeps
 * the bodies too, for what the agent's API does not report back (a check's
 * {@code DeregisterCriticalServiceAfter}).
 */
final class CountingProxy implements AutoCloseable {

    private final Queue<String> requestLines = new ConcurrentLinkedQueue<>();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final TcpProxy proxy;

    CountingProxy(String targetAddress) throws IOException {
        this.proxy = new TcpProxy(targetAddress, this::forwardRequests);
    }

    /** Where clients connect: {@code 127.0.0.1:port}. */
    String address() {
        return proxy.address();
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
        return proxy.openConnections();
    }

    /** The most client connections that were open at once since the proxy started. */
    int mostOpenConnections() {
        return proxy.mostOpenConnections();
    }

    /** Every request seen, as its request line, a new line and its body, oldest first. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    void reset() {
        requestLines.clear();
        requests.clear();
    }

    /** Copies HTTP/1.1 requests (head, then Content-Length bytes of body) and records each request line. */
    private void forwardRequests(InputStream fromClient, OutputStream out) throws IOException {
        InputStream in = new BufferedInputStream(fromClient);
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

    @Override
    public void close() throws IOException {
        proxy.close();
    }
}
