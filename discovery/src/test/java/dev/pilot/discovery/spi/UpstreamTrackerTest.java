package dev.pilot.discovery.spi;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.DiscoveryException;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamTrackerTest {

    private final UpstreamTracker tracker = new UpstreamTracker();
    private final Upstream db = new Upstream("db", "");

    private static Instance db(String id, String address, int port, String... tags) {
        return new Instance(id, "db", address, port, List.of(tags));
    }

    @Test
    void theFirstNonEmptyReadIsAChange() {
        assertThat(tracker.update(db, List.of(db("a", "10.0.0.1", 5432)))).isTrue();
        assertThat(tracker.update(db, List.of(db("a", "10.0.0.1", 5432)))).isFalse();
    }

    @Test
    void anEmptyFirstReadIsNotAChangeButTheFirstInstanceIs() {
        assertThat(tracker.update(db, List.of())).isFalse();
        assertThat(tracker.update(db, List.of(db("a", "10.0.0.1", 5432)))).isTrue();
    }

    @Test
    void addedAndRemovedInstancesAreChanges() {
        tracker.update(db, List.of(db("a", "10.0.0.1", 5432)));

        assertThat(tracker.update(db, List.of(db("a", "10.0.0.1", 5432), db("b", "10.0.0.2", 5432)))).isTrue();
        assertThat(tracker.update(db, List.of(db("b", "10.0.0.2", 5432)))).isTrue();
        assertThat(tracker.update(db, List.of())).isTrue();
    }

    @Test
    void aReaddressedInstanceIsAChange() {
        tracker.update(db, List.of(db("a", "10.0.0.1", 5432)));

        assertThat(tracker.update(db, List.of(db("a", "10.0.0.9", 5432)))).isTrue();
        assertThat(tracker.update(db, List.of(db("a", "10.0.0.9", 6543)))).isTrue();
    }

    @Test
    void anInstanceReplacedByAnotherAtTheSameAddressIsAChange() {
        tracker.update(db, List.of(db("a", "10.0.0.1", 5432)));

        assertThat(tracker.update(db, List.of(db("b", "10.0.0.1", 5432)))).isTrue();
    }

    @Test
    void orderAndTagsAreNotChanges() {
        tracker.update(db, List.of(db("a", "10.0.0.1", 5432), db("b", "10.0.0.2", 5432)));

        assertThat(tracker.update(db, List.of(db("b", "10.0.0.2", 5432, "x"), db("a", "10.0.0.1", 5432)))).isFalse();
    }

    @Test
    void twoTagsOfOneNameAreTrackedApart() {
        Upstream primary = new Upstream("db", "primary");
        Upstream replica = new Upstream("db", "replica");

        assertThat(tracker.update(primary, List.of(db("a", "10.0.0.1", 5432, "primary")))).isTrue();
        assertThat(tracker.update(replica, List.of(db("b", "10.0.0.2", 5432, "replica")))).isTrue();
        assertThat(tracker.update(primary, List.of(db("a", "10.0.0.1", 5432, "primary")))).isFalse();
    }

    @Test
    void aFailedReadIsNotAChangeAndKeepsTheLastSet() {
        List<Instance> known = List.of(db("a", "10.0.0.1", 5432));
        tracker.update(db, known);

        boolean changed = tracker.check(db, () -> {
            throw new DiscoveryException("consul", "127.0.0.1:8500", "connection refused");
        });

        assertThat(changed).isFalse();
        assertThat(tracker.lastKnown(db)).contains(known);
        assertThat(tracker.check(db, List::of)).isTrue();
    }
}
