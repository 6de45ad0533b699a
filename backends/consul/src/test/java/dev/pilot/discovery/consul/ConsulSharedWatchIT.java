package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.Timing;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the shared watch ({@link ConsulSharedWatch}: the upstreams beyond the first
 * {@value ConsulBackend#DEDICATED_WATCHES}, here all of them) uses the agent, counted by a proxy
 * between the backend and the agent: every watch shares two blocking queries (check states, service catalog), which cost about one request per
 * {@code wait} each when idle; a change reads only the upstreams it concerns; polling a watched
 * upstream costs nothing; {@code close()} ends every query.
 */
class ConsulSharedWatchIT extends WatchesThroughProxy {

    private static final String CHECKS = "/v1/health/state/any";
    private static final String CATALOG = "/v1/catalog/services";

    /** No upstream gets a blocking query of its own: every watch goes through the shared one. */
    @Override
    ServiceBackend connect(ConsulConfig config) {
        return new ConsulBackend(config, 0);
    }

    @Test
    void idleWatchesMakeAboutOneRequestPerWaitWhileTheirInstancesHeartbeat() {
        Duration wait = Duration.ofSeconds(2);
        ServiceDefinition db = service();
        ServiceDefinition web = service();
        publisher.sendHeartbeat(db);
        publisher.sendHeartbeat(web);
        RecordingListener listener = new RecordingListener();
        RecordingListener webListener = new RecordingListener();
        ServiceBackend backend = watcherThroughProxy(wait);
        try (Watch ignored = backend.watch(db.name(), "", listener);
             Watch other = backend.watch(web.name(), "", webListener)) {
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                // both first sets delivered: each first read is done before the count starts
                await().atMost(Timing.PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id()))
                        && webListener.lastIds().equals(List.of(web.id())));
                heartbeats.scheduleAtFixedRate(() -> {
                    publisher.sendHeartbeat(db);
                    publisher.sendHeartbeat(web);
                }, 0, 250, TimeUnit.MILLISECONDS);
                proxy.reset();
                long reset = System.nanoTime();

                // the event, not a window: each blocking query keeps asking, until its fourth request
                // since the reset, whose time is taken when it is first seen. Each idle blocking query
                // lasts a wait (Consul adds up to wait/16), so those four span at least one wait even
                // when two of them came back early; a query that returns on every heartbeat (every
                // 250 ms), or does not block, makes them within one. A busy machine only makes them later.
                long[] fourth = new long[2];
                await().atMost(wait.multipliedBy(15)).until(() -> {
                    long now = System.nanoTime();
                    if (fourth[0] == 0 && proxy.count("GET", CHECKS) >= 4) {
                        fourth[0] = now;
                    }
                    if (fourth[1] == 0 && proxy.count("GET", CATALOG) >= 4) {
                        fourth[1] = now;
                    }
                    return fourth[0] != 0 && fourth[1] != 0;
                });

                assertThat(Duration.ofNanos(fourth[0] - reset)).as("four requests of the idle checks query")
                        .isGreaterThanOrEqualTo(wait);
                assertThat(Duration.ofNanos(fourth[1] - reset)).as("four requests of the idle catalog query")
                        .isGreaterThanOrEqualTo(wait);
                assertThat(healthReads(db.name()) + healthReads(web.name())).as("heartbeats read nothing again").isZero();
                assertThat(listener.count()).as("heartbeats are not changes").isEqualTo(1);
            } finally {
                Threads.close(heartbeats);
            }
        }
    }

    @Test
    void everyWatchSharesTwoBlockingQueriesAndAChangeReadsOnlyItsUpstream() {
        ServiceDefinition db = service();
        ServiceDefinition web = service();
        publisher.sendHeartbeat(db);
        publisher.sendHeartbeat(web);
        ServiceBackend backend = watcherThroughProxy(ConsulConfig.DEFAULT_WATCH_WAIT);
        List<RecordingListener> listeners = List.of(new RecordingListener(), new RecordingListener(), new RecordingListener());
        List<Watch> watches = listeners.stream().map(listener -> backend.watch(db.name(), "", listener)).toList();
        RecordingListener webListener = new RecordingListener();
        try (Watch ignored = backend.watch(web.name(), "", webListener);
             Watch tagged = backend.watch(db.name(), "primary", new RecordingListener())) {
            await().atMost(Timing.PROMPTLY).until(() -> listeners.stream()
                    .allMatch(listener -> listener.lastIds().equals(List.of(db.id())))
                    && webListener.lastIds().equals(List.of(web.id())));
            assertThat(backend.checkForUpstreamChanges(db.name(), "")).isTrue();
            for (int i = 0; i < 20; i++) {
                assertThat(backend.checkForUpstreamChanges(db.name(), "")).isFalse();
            }
            await().atMost(Timing.PROMPTLY).until(() -> proxy.count("GET", CHECKS) >= 2 && proxy.count("GET", CATALOG) >= 2);
            assertThat(healthReads(db.name())).as("one first read per upstream: untagged and tagged").isEqualTo(2);
            assertThat(proxy.requestLines()).as("no blocking query on a service")
                    .noneMatch(line -> line.startsWith("GET " + HEALTH) && line.contains("index="));
            proxy.reset();

            ServiceDefinition second = new ServiceDefinition(db.name() + "-2", db.name(), 5433, Duration.ofSeconds(30),
                    List.of("primary"), "127.0.0.1");
            publisher.sendHeartbeat(second);

            await().atMost(Timing.PROMPTLY).until(() -> listeners.get(0).lastIds().equals(List.of(db.id(), second.id())));
            assertThat(healthReads(web.name())).as("an unchanged upstream is not read").isZero();
        } finally {
            watches.forEach(Watch::cancel);
        }
    }

    @Test
    void closeEndsTheBlockingQueriesAtOnce() {
        ServiceBackend backend = watcherThroughProxy(ConsulConfig.DEFAULT_WATCH_WAIT);
        for (int i = 0; i < 3; i++) {
            backend.watch(service().name(), "", new RecordingListener());
        }
        // two blocking queries, each holding a connection, however many watches
        await().atMost(Timing.PROMPTLY).until(() -> proxy.count("GET", CHECKS) >= 2 && proxy.count("GET", CATALOG) >= 2
                && proxy.openConnections() >= 2);

        long start = System.nanoTime();
        backend.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("close() waited for no blocking query").isLessThan(Timing.PROMPTLY);
        await().atMost(Timing.PROMPTLY).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void cancellingTheLastWatchEndsTheBlockingQueries() {
        ServiceBackend backend = watcherThroughProxy(ConsulConfig.DEFAULT_WATCH_WAIT);
        Watch watch = backend.watch(service().name(), "", new RecordingListener());
        await().atMost(Timing.PROMPTLY).until(() -> proxy.count("GET", CHECKS) == 2 && proxy.count("GET", CATALOG) == 2);
        int open = proxy.openConnections(); // the two blocking queries', and maybe an idle pooled one

        watch.cancel();

        // the aborted exchanges close their connections; nothing keeps waiting on the agent
        await().atMost(Timing.PROMPTLY).until(() -> proxy.openConnections() <= open - 2);
        await().during(Timing.PROMPTLY).until(() -> proxy.count("GET", CHECKS) == 2 && proxy.count("GET", CATALOG) == 2);
    }
}
