package dev.pilot.discovery.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SharedSourceTest {

    private static final Upstream DB = new Upstream("db", "");
    private static final Upstream DB_PRIMARY = new Upstream("db", "primary");
    private static final Upstream WEB = new Upstream("web", "");
    private static final List<Instance> ONE = List.of(new Instance("db-1", "db", "10.0.0.1", 5432, List.of("primary")));

    /** A feed that records what it was told and keeps the subscribers of its run. */
    private static final class RecordingFeed implements SharedSource.Feed {
        final SharedSource.Subscribers watched;
        final List<Upstream> joined = new CopyOnWriteArrayList<>();
        boolean closed;

        RecordingFeed(SharedSource.Subscribers watched) {
            this.watched = watched;
        }

        @Override
        public void joined(Upstream upstream) {
            joined.add(upstream);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private final List<RecordingFeed> runs = new ArrayList<>();
    private final SharedSource source = new SharedSource(watched -> {
        RecordingFeed feed = new RecordingFeed(watched);
        runs.add(feed);
        return feed;
    });

    @Test
    void oneFeedStartsWithTheFirstUpstreamHearsOfEveryOneAndStopsAfterTheLast() {
        UpstreamCache.Source db = source.start(DB, healthy -> {});
        UpstreamCache.Source web = source.start(WEB, healthy -> {});
        UpstreamCache.Source primary = source.start(DB_PRIMARY, healthy -> {});

        assertThat(runs).hasSize(1);
        RecordingFeed feed = runs.get(0);
        assertThat(feed.joined).containsExactly(DB, WEB, DB_PRIMARY);
        assertThat(feed.watched.joins()).isEqualTo(3);
        assertThat(feed.watched.names()).containsExactlyInAnyOrder("db", "web");
        assertThat(feed.watched.upstreams("db")).containsExactlyInAnyOrder(DB, DB_PRIMARY);

        db.close();
        web.close();
        assertThat(feed.closed).isFalse();
        primary.close();
        assertThat(feed.closed).isTrue();

        source.start(WEB, healthy -> {});
        assertThat(runs).as("a new run for the next watch").hasSize(2);
    }

    @Test
    void aSetGoesToItsUpstreamOnlyAndAStoppedRunPublishesNowhere() {
        List<List<Instance>> db = new ArrayList<>();
        List<List<Instance>> web = new ArrayList<>();
        UpstreamCache.Source dbWatch = source.start(DB, db::add);
        source.start(WEB, web::add);
        SharedSource.Subscribers first = runs.get(0).watched;

        first.publish(DB, ONE);
        first.publish(DB_PRIMARY, ONE); // not watched
        assertThat(db).containsExactly(ONE);
        assertThat(web).isEmpty();

        source.close();
        first.publish(WEB, ONE);
        assertThat(web).as("a stopped run publishes nowhere").isEmpty();
        assertThat(first.upstreams()).isEmpty();
        assertThat(runs.get(0).closed).isTrue();
        dbWatch.close(); // after close: nothing to do
        assertThatThrownBy(() -> source.start(DB, healthy -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aLateCloseOfAReplacedWatchLeavesItsSuccessor() {
        List<List<Instance>> second = new ArrayList<>();
        UpstreamCache.Source old = source.start(DB, healthy -> {});
        source.start(DB, second::add); // the cache started a new source before closing the old one

        old.close();
        runs.get(0).watched.publish(DB, ONE);

        assertThat(runs.get(0).closed).isFalse();
        assertThat(second).containsExactly(ONE);
    }
}
