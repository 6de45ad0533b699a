package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpiryQueueTest {

    private final ExpiryQueue<String> queue = new ExpiryQueue<>();

    @Test
    void onlyTheKeysWhoseTimeHasComeAreDueEarliestFirst() {
        queue.put("web", 300);
        queue.put("db", 100);
        queue.put("cache", 200);

        assertThat(queue.next()).isEqualTo(100);
        assertThat(queue.takeDue(99)).isEmpty();
        assertThat(queue.takeDue(200)).containsExactly("db", "cache");
        assertThat(queue.next()).isEqualTo(300);
        assertThat(queue.takeDue(1_000)).containsExactly("web");
        assertThat(queue.next()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aKeyMovedLaterIsNotDueAtItsOldTime() {
        queue.put("db", 100);
        queue.put("db", 500);

        assertThat(queue.takeDue(100)).isEmpty();
        assertThat(queue.next()).isEqualTo(500);
        assertThat(queue.takeDue(500)).containsExactly("db");
    }

    @Test
    void aKeyMovedEarlierIsDueAtItsNewTimeAndOnlyOnce() {
        queue.put("db", 500);
        queue.put("db", 100);

        assertThat(queue.takeDue(100)).containsExactly("db");
        assertThat(queue.takeDue(1_000)).as("its older, later entry is stale").isEmpty();
    }

    @Test
    void neverRemovesAKey() {
        queue.put("db", 100);
        queue.put("db", Long.MAX_VALUE);

        assertThat(queue.takeDue(1_000)).isEmpty();
        assertThat(queue.next()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void heartbeatsThatMoveATimeLaterAddNoEntries() {
        for (int key = 0; key < 100; key++) {
            queue.put("service-" + key, 10_000 + key);
        }
        for (long now = 0; now < 50_000; now += 10) {
            for (int key = 0; key < 100; key++) {
                queue.put("service-" + key, now + 10_000 + key); // every key's time moves on
            }
            assertThat(queue.takeDue(now)).isEmpty();
        }

        assertThat(queue.entries()).as("one entry per key, however many heartbeats").isEqualTo(100);
    }

    @Test
    void clearForgetsEveryKey() {
        queue.put("db", 100);
        queue.clear();

        assertThat(queue.takeDue(1_000)).isEmpty();
    }
}
