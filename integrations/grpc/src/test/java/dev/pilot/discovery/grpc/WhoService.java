package dev.pilot.discovery.grpc;

import io.grpc.Channel;
import io.grpc.ServerServiceDefinition;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The tests' gRPC service: one unary call that answers the id of the server that took it, and counts it. */
final class WhoService {

    private static final TextMethod ASK = new TextMethod("pilot.test.Who", "Ask");

    private WhoService() {}

    /** The service of server {@code id}, counting each call it answers in {@code served}. */
    static ServerServiceDefinition of(String id, AtomicInteger served) {
        return ASK.service(request -> {
            served.incrementAndGet();
            return id;
        });
    }

    /** Asks who answers, through {@code channel}, within 5 s. */
    static String ask(Channel channel) {
        return ASK.call(channel, "", Duration.ofSeconds(5));
    }
}
