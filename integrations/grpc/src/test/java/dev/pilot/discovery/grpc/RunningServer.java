package dev.pilot.discovery.grpc;

import dev.pilot.discovery.ServiceBackend;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC server over Netty on 127.0.0.1, with the health service, registered with a backend
 * of its own (as another process would be) through {@link PilotServerRegistration}.
 */
final class RunningServer implements AutoCloseable {

    /** The TTL every test server registers with: short, so outages outlast it. */
    static final Duration TTL = Duration.ofSeconds(2);

    final String id;
    final AtomicInteger served = new AtomicInteger();
    final HealthStatusManager health = new HealthStatusManager();
    final Server server;
    final ServiceBackend backend;
    final PilotServerRegistration registration;
    private boolean closed;

    private RunningServer(String id, String service, ServiceBackend backend, String... tags) {
        this.id = id;
        this.backend = backend;
        try {
            this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(WhoService.of(id, served))
                    .addService(health.getHealthService())
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registration = PilotServerRegistration.builder(backend, server, service)
                .id(id).address("127.0.0.1").ttl(TTL).tags(tags).meta("server", id).health(health)
                .drain(Duration.ofMillis(300))
                .start();
    }

    /** Starts a server answering {@code id}, registered as an instance of {@code service} with {@code tags}. */
    static RunningServer start(String id, String service, ServiceBackend backend, String... tags) {
        try {
            return new RunningServer(id, service, backend, tags);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    void serving(boolean serving) {
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
                serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }

    /** The graceful shutdown under test: deregister, wait, drain, stop. */
    void shutdown() {
        try {
            registration.shutdown(Duration.ofSeconds(10));
        } finally {
            closeBackend();
        }
    }

    @Override
    public void close() {
        try {
            registration.shutdown(Duration.ZERO);
        } finally {
            closeBackend();
        }
    }

    private synchronized void closeBackend() {
        if (!closed) {
            closed = true;
            backend.close();
        }
    }
}
