package dev.pilot.bench.grpc;

import dev.pilot.discovery.grpc.TextMethod;
import io.grpc.Channel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real gRPC server over Netty on 127.0.0.1 answering {@code bench.Who/Ask} with its id, that
 * records when calls arrive: the first and the last since a mark, and how many.
 */
final class CountingServer implements AutoCloseable {

    private static final TextMethod ASK = new TextMethod("bench.Who", "Ask");

    final String id;
    final HealthStatusManager health = new HealthStatusManager();
    final Server server;
    private final AtomicLong mark = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong last = new AtomicLong();
    private final AtomicLong sinceMark = new AtomicLong();
    private final AtomicLong total = new AtomicLong();

    CountingServer(String id) {
        this.id = id;
        ServerServiceDefinition service = ASK.service(request -> {
            arrived(System.nanoTime());
            return id;
        });
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(service).addService(health.getHealthService()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void arrived(long now) {
        total.incrementAndGet();
        last.accumulateAndGet(now, Math::max);
        if (now >= mark.get()) {
            sinceMark.incrementAndGet();
            first.accumulateAndGet(now, Math::min);
        }
    }

    int port() {
        return server.getPort();
    }

    /** Counts from {@code nanos} on. */
    void markFrom(long nanos) {
        sinceMark.set(0);
        first.set(Long.MAX_VALUE);
        mark.set(nanos);
    }

    long firstSinceMark() {
        return first.get();
    }

    long lastArrival() {
        return last.get();
    }

    long sinceMark() {
        return sinceMark.get();
    }

    long total() {
        return total.get();
    }

    static String ask(Channel channel) {
        return ASK.call(channel, "", Duration.ofSeconds(5));
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
