package dev.pilot.discovery.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.tck.Timing;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * gRPC on a real catalog: real gRPC servers over Netty register through
 * {@link PilotServerRegistration}, each with a backend of its own as a separate process would,
 * and a client channel on {@code pilot:///<service>} resolves through another backend. Each
 * backend's test class starts its catalog once and says how to connect to it; every test uses
 * services of its own. A catalog with a server adds the outage test ({@link ServerGrpcContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GrpcContract {

    /** Long enough for a change to reach the channel on a busy machine: the contract's second, stretched. */
    static final Duration ROUTED = Timing.stretch(Duration.ofSeconds(5));

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    ServiceBackend client;

    /** Starts the catalog; called once, before any backend connects. */
    protected abstract void startCatalog();

    /** Stops the catalog; called once, after every test. */
    protected abstract void stopCatalog();

    /** A new backend object on the catalog: the client's, or a server's own. */
    protected abstract ServiceBackend connect();

    @BeforeAll
    void start() {
        startCatalog();
        client = connect();
    }

    @AfterAll
    void stop() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            stopCatalog();
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
        cleanup.clear();
    }

    RunningServer server(String id, String service, String... tags) {
        RunningServer server = RunningServer.start(id, service, connect(), tags);
        cleanup.add(server);
        return server;
    }

    ManagedChannel channel(String target, String policy) {
        ManagedChannel channel = ManagedChannelBuilder.forTarget(target)
                .setNameResolverArg(PilotNameResolverProvider.BACKEND, client)
                .defaultLoadBalancingPolicy(policy)
                .usePlaintext()
                .build();
        cleanup.add(() -> {
            channel.shutdownNow();
            channel.awaitTermination(5, TimeUnit.SECONDS);
        });
        return channel;
    }

    /** The servers that answer {@code calls} calls in a row. */
    static Set<String> answering(ManagedChannel channel, int calls) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < calls; i++) {
            ids.add(WhoService.ask(channel));
        }
        return ids;
    }

    static void awaitAnswering(ManagedChannel channel, String... ids) {
        await().atMost(ROUTED).untilAsserted(() -> assertThat(answering(channel, 4 * ids.length)).containsExactlyInAnyOrder(ids));
    }

    @Test
    void aChannelRoundRobinsAcrossTwoRegisteredServers() {
        RunningServer a = server("rr-a", "rr");
        RunningServer b = server("rr-b", "rr");
        ManagedChannel channel = channel("pilot:///rr", "round_robin");

        awaitAnswering(channel, "rr-a", "rr-b");

        int beforeA = a.served.get();
        int beforeB = b.served.get();
        assertThat(answering(channel, 20)).containsExactlyInAnyOrder("rr-a", "rr-b");
        assertThat(a.served.get() - beforeA).as("round robin: half of 20 calls each").isEqualTo(10);
        assertThat(b.served.get() - beforeB).isEqualTo(10);
    }

    @Test
    void pickFirstSticksToOneServerAndMovesWhenItLeaves() {
        RunningServer a = server("pf-a", "pf");
        RunningServer b = server("pf-b", "pf");
        ManagedChannel channel = channel("pilot:///pf", "pick_first");
        await().atMost(ROUTED).untilAsserted(() -> assertThat(answering(channel, 10)).hasSize(1));
        boolean onA = WhoService.ask(channel).equals(a.id);

        (onA ? a : b).shutdown();

        awaitAnswering(channel, onA ? b.id : a.id);
    }

    @Test
    void aTagInTheTargetFiltersInstances() {
        server("tag-blue", "tagged", "blue");
        server("tag-green", "tagged", "green");
        ManagedChannel blue = channel("pilot:///tagged?tag=blue", "round_robin");
        ManagedChannel all = channel("pilot:///tagged", "round_robin");

        awaitAnswering(all, "tag-blue", "tag-green");
        awaitAnswering(blue, "tag-blue");
        assertThat(answering(blue, 10)).containsExactly("tag-blue");
    }

    @Test
    void aThirdServerTakesTrafficWithoutANewChannel() {
        server("grow-a", "grow");
        server("grow-b", "grow");
        ManagedChannel channel = channel("pilot:///grow", "round_robin");
        awaitAnswering(channel, "grow-a", "grow-b");

        server("grow-c", "grow");

        awaitAnswering(channel, "grow-a", "grow-b", "grow-c");
    }

    @Test
    void notServingTakesAServerOutAndServingBringsItBack() {
        RunningServer a = server("health-a", "health");
        server("health-b", "health");
        ManagedChannel channel = channel("pilot:///health", "round_robin");
        awaitAnswering(channel, "health-a", "health-b");

        a.serving(false);

        await().atMost(ROUTED).until(a.registration::inMaintenance);
        awaitAnswering(channel, "health-b");
        assertThat(answering(channel, 10)).containsExactly("health-b");

        a.serving(true);

        awaitAnswering(channel, "health-a", "health-b");
        // set once the heartbeat that ended it returned; the channel may route to a just before
        await().atMost(ROUTED).until(() -> !a.registration.inMaintenance());
    }

    @Test
    void aGracefulShutdownLosesNoCallOfASteadyStream() throws Exception {
        RunningServer a = server("drain-a", "drain");
        RunningServer b = server("drain-b", "drain");
        ManagedChannel channel = channel("pilot:///drain", "round_robin");
        awaitAnswering(channel, "drain-a", "drain-b");
        int servedBefore = a.served.get() + b.served.get();

        try (CallStream stream = CallStream.start(channel, 2)) {
            await().atMost(ROUTED).until(() -> a.served.get() > 20 && b.served.get() > 20);

            a.shutdown();
            int bAfterShutdown = b.served.get();
            await().atMost(ROUTED).until(() -> b.served.get() > bAfterShutdown + 50);
            stream.stop();

            assertThat(stream.failures()).as("failed calls: " + stream.firstFailures()).isEmpty();
            assertThat(stream.succeeded()).as("every call answered by a server, and counted by it")
                    .isEqualTo(a.served.get() + b.served.get() - servedBefore);
            assertThat(a.server.isTerminated()).isTrue();
        }
    }
}
