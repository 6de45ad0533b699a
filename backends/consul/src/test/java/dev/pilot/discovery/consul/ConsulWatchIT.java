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
 * How watches use the agent, counted by a proxy between the backend and the agent: an idle watch
 * costs about one request per {@code wait}; an upstream has one blocking query however many
 * listeners it has; polling a watched upstream costs nothing; {@code close()} ends every query.
 */
class ConsulWatchIT extends WatchesThroughProxy {

    /** As an application gets it: a blocking query of its own for each of the first upstreams. */
    @Override
    ServiceBackend connect(ConsulConfig config) {
        return ConsulBackendProvider.connect(config);
    }

    @Test
    void anIdleWatchMakesAboutOneRequestPerWaitWhileItsInstancesHeartbeat() {
        Duration wait = Duration.ofSeconds(2);
        ServiceDefinition db = service();
        publisher.sendHeartbeat(db);
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = watcherThroughProxy(wait).watch(db.name(), "", listener)) {
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                await().atMost(Timing.PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));
                heartbeats.scheduleAtFixedRate(() -> publisher.sendHeartbeat(db), 0, 250, TimeUnit.MILLISECONDS);
                proxy.reset();
                long reset = System.nanoTime();

                // the event, not a window: the watch keeps asking, until its fourth request since the
                // reset. Each idle blocking query lasts a wait (Consul adds up to wait/16), so those
                // four span at least one wait even when two of them came back early; a watch that
                // re-reads on every heartbeat (every 250 ms), or does not block, makes them within
                // one. A busy machine only makes them later.
                await().atMost(wait.multipliedBy(15)).until(() -> healthReads(db.name()) >= 4);
                Duration took = Duration.ofNanos(System.nanoTime() - reset);

                assertThat(took).as("four requests of an idle watch").isGreaterThanOrEqualTo(wait);
                assertThat(listener.count()).as("heartbeats are not changes").isEqualTo(1);
            } finally {
                Threads.close(heartbeats);
            }
        }
    }

    @Test
    void anUpstreamHasOneBlockingQueryHoweverManyListenersAndPollingItIsFree() {
        ServiceDefinition db = service();
        publisher.sendHeartbeat(db);
        ServiceBackend backend = watcherThroughProxy(ConsulConfig.DEFAULT_WATCH_WAIT);
        List<RecordingListener> listeners = List.of(new RecordingListener(), new RecordingListener(), new RecordingListener());
        List<Watch> watches = listeners.stream().map(listener -> backend.watch(db.name(), "", listener)).toList();
        try {
            await().atMost(Timing.PROMPTLY).until(() -> listeners.stream()
                    .allMatch(listener -> listener.lastIds().equals(List.of(db.id()))));
            assertThat(backend.checkForUpstreamChanges(db.name(), "")).isTrue();
            for (int i = 0; i < 20; i++) {
                assertThat(backend.checkForUpstreamChanges(db.name(), "")).isFalse();
            }

            await().atMost(Timing.PROMPTLY).until(() -> healthReads(db.name()) == 2);
            assertThat(proxy.requestLines()).as("the first read, then one blocking query").satisfiesExactly(
                    first -> assertThat(first).isEqualTo("GET " + HEALTH + db.name() + "?passing HTTP/1.1"),
                    second -> assertThat(second).matches("GET " + HEALTH + db.name() + "\\?passing&index=[1-9]\\d*&wait=300s HTTP/1.1"));

            try (Watch tagged = backend.watch(db.name(), "primary", new RecordingListener())) {
                await().atMost(Timing.PROMPTLY).until(() -> proxy.count("GET", HEALTH + db.name() + "?passing&tag=primary") == 2);
            }
        } finally {
            watches.forEach(Watch::cancel);
        }
    }

    @Test
    void closeEndsEveryBlockingQueryAtOnce() {
        ServiceBackend backend = watcherThroughProxy(ConsulConfig.DEFAULT_WATCH_WAIT);
        for (int i = 0; i < 3; i++) {
            backend.watch(service().name(), "", new RecordingListener());
        }
        // each watch: a first read, then a blocking query that holds a connection
        await().atMost(Timing.PROMPTLY).until(() -> proxy.count("GET", HEALTH) >= 6 && proxy.openConnections() >= 3);

        long start = System.nanoTime();
        backend.close();
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(took).as("close() waited for no blocking query").isLessThan(Timing.PROMPTLY);
        await().atMost(Timing.PROMPTLY).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void aCancelledWatchEndsItsBlockingQuery() {
        ServiceBackend backend = watcherThroughProxy(ConsulConfig.DEFAULT_WATCH_WAIT);
        Watch watch = backend.watch(service().name(), "", new RecordingListener());
        await().atMost(Timing.PROMPTLY).until(() -> proxy.count("GET", HEALTH) == 2);
        int open = proxy.openConnections(); // the blocking query's, and maybe an idle pooled one

        watch.cancel();

        // the aborted exchange closes its connection; nothing keeps waiting on the agent
        await().atMost(Timing.PROMPTLY).until(() -> proxy.openConnections() == open - 1);
        await().during(Timing.PROMPTLY).until(() -> proxy.count("GET", HEALTH) == 2);
    }
}
