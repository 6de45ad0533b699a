package dev.pilot.bench.spring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An instance of the {@code target} service: a JDK HTTP server on 127.0.0.1 that answers with its
 * id and records when requests arrive, so the benchmark sees where the load balancer routed.
 */
final class Target implements AutoCloseable {

    final String id;
    private final HttpServer server;
    private final AtomicLong requests = new AtomicLong();
    private volatile long firstSince = Long.MAX_VALUE;
    private volatile long lastArrival = Long.MIN_VALUE;
    private volatile long since = Long.MAX_VALUE;
    private final AtomicLong requestsSince = new AtomicLong();

    Target(String id) {
        this.id = id;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            long now = System.nanoTime();
            requests.incrementAndGet();
            lastArrival = now;
            if (now >= since) {
                requestsSince.incrementAndGet();
                if (firstSince == Long.MAX_VALUE) {
                    firstSince = now;
                }
            }
            byte[] body = id.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Starts counting requests that arrive from {@code nanoTime} on. */
    void markFrom(long nanoTime) {
        firstSince = Long.MAX_VALUE;
        requestsSince.set(0);
        since = nanoTime;
    }

    /** The arrival of the first request since {@link #markFrom}, or {@code Long.MAX_VALUE}. */
    long firstSinceMark() {
        return firstSince;
    }

    long requestsSinceMark() {
        return requestsSince.get();
    }

    long lastArrival() {
        return lastArrival;
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
