package dev.pilot.examples.grpc;

import dev.pilot.discovery.grpc.TextMethod;
import io.grpc.Channel;
import io.grpc.ServerServiceDefinition;
import java.time.Duration;

/**
 * The example's service, {@code example.Greeter/Hello}: a name in, a greeting that names the
 * server out. Plain strings on the wire ({@link TextMethod}), so the example needs no code generation.
 */
final class Greeter {

    static final TextMethod HELLO = new TextMethod("example.Greeter", "Hello");

    private Greeter() {}

    static ServerServiceDefinition service(String serverId) {
        return HELLO.service(name -> "hello " + name + " from " + serverId);
    }

    static String hello(Channel channel, String name) {
        return HELLO.call(channel, name, Duration.ofSeconds(2));
    }
}
