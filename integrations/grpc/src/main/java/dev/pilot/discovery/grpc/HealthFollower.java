package dev.pilot.discovery.grpc;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Follows the status a {@link HealthStatusManager} gives one service name, as any health checker
 * would: through the health service's {@code Watch}, on an in-process server of its own (no
 * network, no credentials), so every {@code setStatus} anywhere in the application is seen at once.
 */
final class HealthFollower implements AutoCloseable {

    private final Server server;
    private final ManagedChannel channel;

    private HealthFollower(Server server, ManagedChannel channel) {
        this.server = server;
        this.channel = channel;
    }

    /**
     * Starts following {@code service} (empty: the server as a whole); {@code onStatus} hears the
     * current status at once, then every change, on the thread that set it.
     */
    static HealthFollower start(HealthStatusManager health, String service,
                                Consumer<HealthCheckResponse.ServingStatus> onStatus) {
        String name = "pilot-health-" + UUID.randomUUID();
        Server server;
        try {
            server = InProcessServerBuilder.forName(name).directExecutor().addService(health.getHealthService()).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the in-process health server", e);
        }
        ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        HealthGrpc.newStub(channel).watch(HealthCheckRequest.newBuilder().setService(service).build(),
                new StreamObserver<HealthCheckResponse>() {
                    @Override
                    public void onNext(HealthCheckResponse response) {
                        onStatus.accept(response.getStatus());
                    }

                    @Override
                    public void onError(Throwable t) {
                        // the follower was closed
                    }

                    @Override
                    public void onCompleted() {}
                });
        return new HealthFollower(server, channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        server.shutdownNow();
    }
}
