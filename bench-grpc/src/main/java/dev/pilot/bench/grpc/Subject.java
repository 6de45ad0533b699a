package dev.pilot.bench.grpc;

import dev.pilot.discovery.ServiceBackend;
import io.grpc.ManagedChannel;
import java.util.function.Supplier;

/**
 * What one row measures: how the client's channel on the service is built, and the backend the
 * servers register with (always a Pilot backend: the anchor reads the same Consul).
 *
 * @param anchor whether this is the anchor rather than Pilot
 */
record Subject(String name, String integration, String backend, boolean anchor, Supplier<ServiceBackend> registrar,
               ClientFactory client) {

    /** A channel on {@code service}, and whatever must be closed with it. */
    interface ClientFactory {
        Client open(String service);
    }

    /** A channel and what closes it. */
    record Client(ManagedChannel channel, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            channel.shutdownNow();
            channel.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            resources.close();
        }
    }
}
