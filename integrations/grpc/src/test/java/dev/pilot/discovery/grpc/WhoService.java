package dev.pilot.discovery.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The tests' gRPC service: one unary call that answers the id of the server that took it, and counts it. */
final class WhoService {

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
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("pilot.test.Who/Ask")
            .build();

    private WhoService() {}

    /** The service of server {@code id}, counting each call it answers in {@code served}. */
    static ServerServiceDefinition of(String id, AtomicInteger served) {
        return ServerServiceDefinition.builder("pilot.test.Who")
                .addMethod(ASK, ServerCalls.asyncUnaryCall((request, response) -> {
                    served.incrementAndGet();
                    response.onNext(id);
                    response.onCompleted();
                }))
                .build();
    }

    /** Asks who answers, through {@code channel}, within 5 s. */
    static String ask(Channel channel) {
        return ClientCalls.blockingUnaryCall(channel, ASK, CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), "");
    }
}
