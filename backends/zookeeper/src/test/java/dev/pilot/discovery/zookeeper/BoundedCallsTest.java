package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bound on operations under way, with operations that wait for a latch instead of an ensemble. */
class BoundedCallsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    private final ExecutorService workers = Executors.newCachedThreadPool();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final BoundedCalls calls = new BoundedCalls(workers, TIMEOUT,
            new Failures("127.0.0.1:2181", TIMEOUT, false, path -> Optional.empty()));

    @AfterEach
    void stop() {
        workers.shutdownNow();
        callers.shutdownNow();
    }

    @Test
    void operationsGivenUpOnKeepTheirPlaceSoACallerBeyondTheBoundStartsNothing() {
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        for (int i = 0; i < BoundedCalls.MOST_IN_FLIGHT; i++) {
            callers.execute(() -> {
                try {
                    calls.run("read /a", () -> {
                        started.incrementAndGet();
                        try {
                            answer.await();
                        } catch (InterruptedException e) {
                            interrupted.incrementAndGet();
                        }
                    });
                } catch (DiscoveryException e) {
                    timedOut.incrementAndGet();
                }
            });
        }
        // every caller gave up at its timeout; their operations still wait for the ensemble
        await().atMost(Duration.ofSeconds(10)).until(() -> timedOut.get() == BoundedCalls.MOST_IN_FLIGHT);
        // a worker may start its operation after its caller gave up (a thread not scheduled for 200 ms)
        await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == BoundedCalls.MOST_IN_FLIGHT);

        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> calls.run("read /b", ran::incrementAndGet))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("cannot read /b: 32 operations have been waiting for the ensemble");
        assertThat(ran).as("an operation beyond the bound").hasValue(0);
        assertThat(interrupted).as("operations interrupted when their callers gave up").hasValue(0);

        answer.countDown(); // the ensemble answers: their places come free
        // A call that returns has run its operation: with no place ever coming free, every call
        // would fail. One that times out on a busy machine (its worker late) is tried again.
        await().atMost(Duration.ofSeconds(10)).ignoreExceptionsInstanceOf(DiscoveryException.class)
                .untilAsserted(() -> calls.run("read /c", ran::incrementAndGet));
    }
}
