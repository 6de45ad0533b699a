package dev.pilot.examples.grpc;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.grpc.PilotServerRegistration;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code server <id>}: a gRPC server on 127.0.0.1 (a free port) registered as {@code greeter} in
 * the local catalog, until Ctrl-C, which deregisters it before it stops.
 * {@code client}: a channel on {@code pilot:///greeter} (round robin) that says hello once a
 * second and prints who answered. Both find the catalog directory in the system property
 * {@code pilot.discovery.local}: the client through the resolver's own configuration, the
 * server through the same value handed to {@link Backends}.
 */
public final class GrpcExample {

    static final String SERVICE = "greeter";

    private GrpcExample() {}

    public static void main(String[] args) throws Exception {
        String directory = System.getProperty("pilot.discovery.local");
        if (directory == null || directory.isBlank()) {
            System.err.println("pilot.discovery.local: expected the catalog directory, e.g. -Dpilot.discovery.local=/tmp/pilot-grpc-example");
            System.exit(2);
        }
        if (args.length == 2 && args[0].equals("server")) {
            server(args[1], directory);
        } else if (args.length == 1 && args[0].equals("client")) {
            client();
        } else {
            System.err.println("usage: GrpcExample server <id> | client");
            System.exit(2);
        }
    }

    private static void server(String id, String directory) throws IOException, InterruptedException {
        ServiceBackend backend = Backends.fromClassPath().create("local", directory);
        Running running = Running.start(id, backend);
        System.out.println(id + ": serving on 127.0.0.1:" + running.server.getPort() + ", registered as " + SERVICE);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(id + ": deregistering, then draining");
            running.registration.shutdown(Duration.ofSeconds(5));
            backend.close();
            stopped.countDown();
        }));
        running.server.awaitTermination();
        stopped.await(10, TimeUnit.SECONDS);
    }

    private static void client() throws InterruptedException {
        ManagedChannel channel = ManagedChannelBuilder.forTarget("pilot:///" + SERVICE)
                .defaultLoadBalancingPolicy("round_robin")
                .usePlaintext()
                .build();
        for (long i = 0; i < 1_000_000; i++) {
            String now = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
            try {
                System.out.println(now + " client -> " + SERVICE + ": " + Greeter.hello(channel, "client"));
            } catch (StatusRuntimeException e) {
                System.out.println(now + " client -> " + SERVICE + ": no answer (" + e.getStatus().getCode() + ")");
            }
            TimeUnit.SECONDS.sleep(1);
        }
        channel.shutdownNow();
    }

    /** A running, registered server. */
    record Running(Server server, HealthStatusManager health, PilotServerRegistration registration) {

        static Running start(String id, ServiceBackend backend) throws IOException {
            HealthStatusManager health = new HealthStatusManager();
            Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(Greeter.service(id))
                    .addService(health.getHealthService())
                    .build().start();
            PilotServerRegistration registration = PilotServerRegistration.builder(backend, server, SERVICE)
                    .id(id).address("127.0.0.1").ttl(Duration.ofSeconds(5)).health(health)
                    .start();
            return new Running(server, health, registration);
        }
    }
}
