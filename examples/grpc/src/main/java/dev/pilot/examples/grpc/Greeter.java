package dev.pilot.examples.grpc;

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

/**
 * The example's service, {@code example.Greeter/Hello}: a name in, a greeting that names the
 * server out. Plain strings on the wire, so the example needs no code generation.
 */
final class Greeter {

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

    static final MethodDescriptor<String, String> HELLO = MethodDescriptor.newBuilder(TEXT, TEXT)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("example.Greeter/Hello")
            .build();

    private Greeter() {}

    static ServerServiceDefinition service(String serverId) {
        return ServerServiceDefinition.builder("example.Greeter")
                .addMethod(HELLO, ServerCalls.asyncUnaryCall((name, response) -> {
                    response.onNext("hello " + name + " from " + serverId);
                    response.onCompleted();
                }))
                .build();
    }

    static String hello(Channel channel, String name) {
        return ClientCalls.blockingUnaryCall(channel, HELLO, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS), name);
    }
}
