package dev.pilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class UpstreamWatchersTest {

    private final Upstream db = new Upstream("db", "");
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final UpstreamWatchers watchers = new UpstreamWatchers(upstream -> {
        events.add("start " + upstream);
        return () -> events.add("stop " + upstream);
    });

    private static Instance db(String id) {
        return new Instance(id, "db", "10.0.0.1", 5432, List.of());
    }

    @Test
    void oneSourceServesEveryListenerOfAnUpstream() {
        Watch first = watchers.add(db, healthy -> {});
        Watch second = watchers.add(db, healthy -> {});

        assertThat(events).containsExactly("start db");
        first.cancel();
        assertThat(events).containsExactly("start db");
        second.cancel();
        assertThat(events).containsExactly("start db", "stop db");
    }

    @Test
    void onlyChangedSetsAreDelivered() {
        List<List<Instance>> delivered = new ArrayList<>();
        watchers.add(db, delivered::add);

        watchers.publish(db, List.of(db("b"), db("a")));
        watchers.publish(db, List.of(db("a"), db("b")));
        watchers.publish(db, List.of(db("a")));

        assertThat(delivered).containsExactly(List.of(db("a"), db("b")), List.of(db("a")));
    }

    @Test
    void aLateListenerGetsTheCurrentSetAtOnce() {
        watchers.add(db, healthy -> {});
        watchers.publish(db, List.of(db("a")));
        List<List<Instance>> delivered = new ArrayList<>();

        watchers.add(db, delivered::add);

        assertThat(delivered).containsExactly(List.of(db("a")));
        assertThat(watchers.current(db)).contains(List.of(db("a")));
    }

    @Test
    void aCancelledListenerGetsNothingMore() {
        List<List<Instance>> delivered = new ArrayList<>();
        Watch watch = watchers.add(db, delivered::add);
        watch.cancel();
        watch.cancel();

        watchers.publish(db, List.of(db("a")));

        assertThat(delivered).isEmpty();
        assertThat(watchers.isWatched(db)).isFalse();
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<List<Instance>> delivered = new ArrayList<>();
        watchers.add(db, healthy -> {
            throw new IllegalStateException("boom");
        });
        watchers.add(db, delivered::add);

        watchers.publish(db, List.of(db("a")));

        assertThat(delivered).containsExactly(List.of(db("a")));
    }

    @Test
    void closeStopsEverySource() {
        watchers.add(db, healthy -> {});
        watchers.add(new Upstream("web", "blue"), healthy -> {});

        watchers.close();

        assertThat(events).contains("stop db", "stop web[tag=blue]");
    }
}
