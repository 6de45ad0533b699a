package dev.pilot.discovery.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.TestServer;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link GrpcContract} on a catalog with a server, plus what only a server allows: an outage. */
abstract class ServerGrpcContract extends GrpcContract {

    /** The catalog server, stopped and started again by the outage test. */
    protected abstract TestServer catalog();

    /** How long the catalog keeps a silent client's session or registrations: the outage outlasts it. */
    protected abstract Duration sessionTimeout();

    @Test
    void throughACatalogOutageLongerThanASessionTheChannelRoutesOnTheLastSetAndFollowsChangesAfter() {
        RunningServer a = server("outage-a", "outage");
        RunningServer b = server("outage-b", "outage");
        ManagedChannel channel = channel("pilot:///outage", "round_robin");
        awaitAnswering(channel, "outage-a", "outage-b");
        List<String> staleness = new CopyOnWriteArrayList<>();
        try (RecordingResolver resolver = new RecordingResolver("pilot:///outage", client);
             Watch watch = client.watch("outage", "", new UpstreamListener() {
                 @Override
                 public void onChange(List<Instance> healthy) {}

                 @Override
                 public void onStale(DiscoveryException cause) {
                     staleness.add("stale");
                 }

                 @Override
                 public void onRecovered() {
                     staleness.add("recovered");
                 }
             })) {
            await().atMost(ROUTED).until(() -> !resolver.results.isEmpty() && resolver.last().size() == 2);
            int heardBefore = resolver.heard.size();

            catalog().stop();
            try {
                Duration outage = sessionTimeout().plus(RunningServer.TTL).plus(Duration.ofSeconds(1));
                long end = System.nanoTime() + outage.toNanos();
                int calls = 0;
                while (System.nanoTime() < end) { // a bounded stream of calls through the outage
                    assertThat(answering(channel, 2)).containsExactlyInAnyOrder("outage-a", "outage-b");
                    calls += 2;
                }
                assertThat(calls).isPositive();
                await().atMost(Timing.RECOVERY).until(() -> staleness.contains("stale"));
                assertThat(resolver.heard.subList(heardBefore, resolver.heard.size()))
                        .as("an outage is neither an error nor an empty set").isEmpty();
            } finally {
                catalog().start();
            }

            // After recovery the registrations come back (heartbeats) and the watch follows changes again.
            awaitAnswering(channel, "outage-a", "outage-b");
            await().atMost(Timing.RECOVERY).until(() -> staleness.contains("recovered"));
            a.serving(false);
            await().atMost(Timing.RECOVERY).untilAsserted(() -> assertThat(answering(channel, 6)).containsExactly("outage-b"));
            a.serving(true);
            await().atMost(Timing.RECOVERY).untilAsserted(() ->
                    assertThat(answering(channel, 6)).containsExactlyInAnyOrder("outage-a", "outage-b"));
            assertThat(resolver.heard).noneMatch(heard -> heard.startsWith("error"));
            assertThat(b.served.get()).isPositive();
        }
    }
}
