package dev.pilot.bench.latency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeProbeTest {

    @Test
    void anObserverCountsTheFirstViewThatShowsTheChange() throws InterruptedException {
        ChangeProbe probe = new ChangeProbe(2, 4);
        probe.expect("probe-0", true, true);
        probe.listener(0).onView(System.nanoTime(), Set.of("base-0"));             // stale: ignored
        probe.listener(0).onView(System.nanoTime(), Set.of("base-0", "probe-0"));
        probe.listener(0).onView(System.nanoTime(), Set.of("base-0", "probe-0"));  // second sight: ignored
        probe.listener(1).onView(System.nanoTime(), Set.of("probe-0"));
        assertThat(probe.awaitSeen(Duration.ofSeconds(1))).isTrue();
        assertThat(probe.latencies(0)).hasSize(1);
        assertThat(probe.latencies(1)).hasSize(1);
    }

    @Test
    void aRemovalIsSeenWhenTheIdIsGone() throws InterruptedException {
        ChangeProbe probe = new ChangeProbe(1, 4);
        probe.expect("probe-0", false, true);
        probe.listener(0).onView(System.nanoTime(), Set.of("probe-0"));
        probe.listener(0).onView(System.nanoTime(), Set.of());
        assertThat(probe.awaitSeen(Duration.ofSeconds(1))).isTrue();
        assertThat(probe.latencies(0)).hasSize(1);
    }

    @Test
    void anObserverThatNeverSeesTheChangeIsAMiss() throws InterruptedException {
        ChangeProbe probe = new ChangeProbe(2, 4);
        probe.expect("probe-0", true, true);
        probe.listener(0).onView(System.nanoTime(), Set.of("probe-0"));
        assertThat(probe.awaitSeen(Duration.ofMillis(50))).isFalse();
        assertThat(probe.misses(0)).isZero();
        assertThat(probe.misses(1)).isEqualTo(1);
        assertThat(probe.latencies(1)).isEmpty();
    }

    @Test
    void warmUpChangesAreNotRecorded() throws InterruptedException {
        ChangeProbe probe = new ChangeProbe(1, 4);
        probe.expect("probe-0", true, false);
        probe.listener(0).onView(System.nanoTime(), Set.of("probe-0"));
        assertThat(probe.awaitSeen(Duration.ofSeconds(1))).isTrue();
        assertThat(probe.latencies(0)).isEmpty();
    }
}
