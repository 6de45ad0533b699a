package dev.pilot.discovery.spi;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.DiscoveryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UpstreamCacheTest {

    private final Upstream db = new Upstream("db", "");
    private final List<String> events = new CopyOnWriteArrayList<>();
    /** What the catalog holds; a missing entry is an unreachable catalog. */
    private final Map<Upstream, List<Instance>> catalog = new ConcurrentHashMap<>();
    private final Map<Upstream, Consumer<List<Instance>>> sinks = new ConcurrentHashMap<>();
    private final UpstreamCache cache = new UpstreamCache(this::read, (upstream, sink) -> {
        events.add("start " + upstream);
        sinks.put(upstream, sink);
        return () -> events.add("stop " + upstream);
    });

    private List<Instance> read(Upstream upstream) {
        events.add("read " + upstream);
        List<Instance> healthy = catalog.get(upstream);
        if (healthy == null) {
            throw new DiscoveryException("test", "127.0.0.1:1", "connection refused");
        }
        return healthy;
    }

    private void push(Upstream upstream, List<Instance> healthy) {
        sinks.get(upstream).accept(healthy);
    }

    private static Instance db(String id) {
        return new Instance(id, "db", "10.0.0.1", 5432, List.of());
    }

    @Test
    void oneSourceServesEveryListenerOfAnUpstream() {
        Watch first = cache.watch(db, healthy -> {});
        Watch second = cache.watch(db, healthy -> {});

        assertThat(events).containsExactly("start db");
        first.cancel();
        assertThat(events).containsExactly("start db");
        second.cancel();
        assertThat(events).containsExactly("start db", "stop db");
    }

    @Test
    void onlyChangedSetsAreDelivered() {
        List<List<Instance>> delivered = new ArrayList<>();
        cache.watch(db, delivered::add);

        push(db, List.of(db("b"), db("a")));
        push(db, List.of(db("a"), db("b")));
        push(db, List.of(db("a")));

        assertThat(delivered).containsExactly(List.of(db("a"), db("b")), List.of(db("a")));
    }

    @Test
    void aLateListenerGetsTheCurrentSetAtOnce() {
        cache.watch(db, healthy -> {});
        push(db, List.of(db("a")));
        List<List<Instance>> delivered = new ArrayList<>();

        cache.watch(db, delivered::add);

        assertThat(delivered).containsExactly(List.of(db("a")));
    }

    @Test
    void aCancelledListenerGetsNothingMore() {
        List<List<Instance>> delivered = new ArrayList<>();
        Watch watch = cache.watch(db, delivered::add);
        Consumer<List<Instance>> sink = sinks.get(db);
        watch.cancel();
        watch.cancel();

        sink.accept(List.of(db("a")));

        assertThat(delivered).isEmpty();
        assertThat(cache.isWatched(db)).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<List<Instance>> delivered = new ArrayList<>();
        cache.watch(db, healthy -> {
            throw new IllegalStateException("boom");
        });
        cache.watch(db, delivered::add);

        push(db, List.of(db("a")));

        assertThat(delivered).containsExactly(List.of(db("a")));
    }

    @Test
    void closeStopsEverySourceAndRefusesNewWatches() {
        cache.watch(db, healthy -> {});
        cache.watch(new Upstream("web", "blue"), healthy -> {});

        cache.close();

        assertThat(events).contains("stop db", "stop web[tag=blue]");
        assertThatThrownBy(() -> cache.watch(db, healthy -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aPollOfAWatchedUpstreamIsAnsweredFromTheWatchWithoutARead() {
        cache.watch(db, healthy -> {});
        push(db, List.of(db("a")));

        assertThat(cache.checkForUpstreamChanges(db)).isTrue();
        assertThat(cache.checkForUpstreamChanges(db)).isFalse();
        push(db, List.of(db("a"), db("b")));
        assertThat(cache.checkForUpstreamChanges(db)).isTrue();

        assertThat(events).noneMatch(event -> event.startsWith("read"));
    }

    @Test
    void aPollOfAnUnwatchedUpstreamReadsAndAFailedReadIsNoChange() {
        catalog.put(db, List.of(db("a")));
        assertThat(cache.checkForUpstreamChanges(db)).isTrue();

        catalog.remove(db);

        assertThat(cache.checkForUpstreamChanges(db)).isFalse();
        catalog.put(db, List.of());
        assertThat(cache.checkForUpstreamChanges(db)).isTrue();
    }

    @Test
    void instancesServeTheLastKnownSetWhileTheCatalogIsUnreachable() {
        assertThatThrownBy(() -> cache.instances(db)).isInstanceOf(DiscoveryException.class);
        catalog.put(db, List.of(db("b"), db("a")));
        assertThat(cache.instances(db)).containsExactly(db("a"), db("b"));

        catalog.remove(db);

        assertThat(cache.instances(db)).containsExactly(db("a"), db("b"));
    }

    @Test
    void aPushedSetIsTheLastKnownSetToo() {
        cache.watch(db, healthy -> {});
        push(db, List.of(db("c")));

        assertThat(cache.instances(db)).containsExactly(db("c"));
        assertThat(cache.lastKnown(db)).contains(List.of(db("c")));
    }
}
