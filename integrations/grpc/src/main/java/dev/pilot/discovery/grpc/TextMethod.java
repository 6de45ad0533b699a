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
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A unary gRPC method with UTF-8 text on the wire both ways: a service that needs no code
 * generation, such as the gRPC example's greeter and the servers this module's tests and the
 * gRPC benchmark route calls to. Immutable and thread-safe.
 */
public final class TextMethod {

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

    private final String service;
    private final MethodDescriptor<String, String> descriptor;

    /** The method {@code service/method}, e.g. {@code new TextMethod("example.Greeter", "Hello")}. */
    public TextMethod(String service, String method) {
        this.service = service;
        this.descriptor = MethodDescriptor.newBuilder(TEXT, TEXT)
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(service, method))
                .build();
    }

    /** The method's descriptor: {@code service/method}, unary, strings both ways. */
    public MethodDescriptor<String, String> descriptor() {
        return descriptor;
    }

    /** The service holding this method alone, answering each request with {@code answer} applied to it. */
    public ServerServiceDefinition service(UnaryOperator<String> answer) {
        return ServerServiceDefinition.builder(service)
                .addMethod(descriptor, ServerCalls.asyncUnaryCall((request, response) -> {
                    response.onNext(answer.apply(request));
                    response.onCompleted();
                }))
                .build();
    }

    /**
     * Calls the method through {@code channel} and waits for the answer.
     *
     * @throws io.grpc.StatusRuntimeException when the call fails or takes longer than {@code deadline}
     */
    public String call(Channel channel, String request, Duration deadline) {
        return ClientCalls.blockingUnaryCall(channel, descriptor,
                CallOptions.DEFAULT.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS), request);
    }
}
