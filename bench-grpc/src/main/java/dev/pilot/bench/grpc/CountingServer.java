package dev.pilot.bench.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real gRPC server over Netty on 127.0.0.1 answering {@code bench.Who/Ask} with its id, that
 * records when calls arrive: the first and the last since a mark, and how many.
 */
final class CountingServer implements AutoCloseable {

    private static final MethodDescriptor.Marshaller<String> TEXT = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    static final MethodDescriptor<String, String> ASK = MethodDescriptor.newBuilder(TEXT, TEXT)
            .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName("bench.Who/Ask").build();

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
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Who")
                .addMethod(ASK, ServerCalls.asyncUnaryCall((request, response) -> {
                    arrived(System.nanoTime());
                    response.onNext(id);
                    response.onCompleted();
                }))
                .build();
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
        return ClientCalls.blockingUnaryCall(channel, ASK, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
