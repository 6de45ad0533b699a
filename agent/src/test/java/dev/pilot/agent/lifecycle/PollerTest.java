package dev.pilot.agent.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poller's contract, on its own: each test waits for the runs themselves, never for a time. */
class PollerTest {

    private static final Duration NEVER = Duration.ofHours(1);

    private final AtomicInteger runs = new AtomicInteger();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private Poller poller;

    @AfterEach
    void close() {
        if (poller != null) {
            poller.close();
        }
    }

    private Poller counting(Duration interval, Poller.Action action) {
        poller = new Poller("test", interval, () -> false, () -> {
            threads.add(Thread.currentThread());
            runs.incrementAndGet();
            action.run();
        });
        return poller;
    }

    @Test
    void runsAtItsRateAndRunsNeverOverlap() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        counting(Duration.ofMillis(5), () -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            Thread.sleep(12); // slower than the rate: ticks come due during every run
            inFlight.decrementAndGet();
        }).start(Duration.ZERO);

        await().until(() -> runs.get() >= 6);
        assertThat(most).hasValue(1);
    }

    @Test
    void betweenRunsItHoldsNoThread() {
        counting(NEVER, () -> { }).start(Duration.ZERO);

        await().until(() -> runs.get() == 1);
        // the old poller parked its thread until the next tick, an hour away
        await().until(() -> !threads.getFirst().isAlive());
        assertThat(threads.getFirst().getName()).isEqualTo("poll-test");
    }

    @Test
    void aWakeUpRunsAtOnceInsteadOfAtTheNextTick() {
        counting(NEVER, () -> { }).start(NEVER);

        poller.wakeUp();

        await().until(() -> runs.get() == 1);
    }

    @Test
    void wakeUpsDuringARunAreFoldedIntoOneRunAfterIt() {
        CountDownLatch release = new CountDownLatch(1);
        counting(NEVER, () -> {
            if (runs.get() == 1) {
                release.await();
            }
        }).start(Duration.ZERO);
        await().until(() -> runs.get() == 1);

        poller.wakeUp();
        poller.wakeUp();
        assertThat(runs).hasValue(1); // still the first run: they never overlap
        release.countDown();

        await().until(() -> runs.get() == 2);
        await().until(() -> threads.stream().noneMatch(Thread::isAlive));
        assertThat(runs).hasValue(2);
    }

    @Test
    void ticksWhilePausedRunNothing() {
        AtomicInteger asked = new AtomicInteger();
        poller = new Poller("test", Duration.ofMillis(5), () -> asked.incrementAndGet() > 0, runs::incrementAndGet);
        poller.start(Duration.ZERO);

        await().until(() -> asked.get() >= 3);
        assertThat(runs).hasValue(0);
    }

    @Test
    void closeInterruptsARunAndReturnsOnceItHasEnded() {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        counting(NEVER, () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await(); // until close() interrupts it
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }).start(Duration.ZERO);
        await().until(() -> started.getCount() == 0);

        poller.close();

        assertThat(interrupted).isTrue();
        assertThat(threads.getFirst().isAlive()).isFalse();
        poller.wakeUp(); // after close: nothing starts, nothing throws
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRunThatThrowsDoesNotStopThePolling() {
        counting(Duration.ofMillis(5), () -> {
            if (runs.get() == 1) {
                throw new IllegalStateException("boom");
            }
        }).start(Duration.ZERO);

        await().until(() -> runs.get() >= 2);
    }
}
