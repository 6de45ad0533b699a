package dev.pilot.discovery.spi;

import dev.pilot.discovery.DiscoveryException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingSourceTest {

    @Test
    void failedPassesAreRetriedUntilOneWorksAndCloseEndsABlockedPass() {
        AtomicInteger passes = new AtomicInteger();
        Semaphore never = new Semaphore(0);
        RetryingSource source = RetryingSource.start("test-loop", RetryingSourceTest.class.getName(), "the test loop",
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5)), answered -> {
                    if (passes.incrementAndGet() < 4) {
                        throw new DiscoveryException("test", "127.0.0.1:1", "refused");
                    }
                    answered.run();
                    never.acquire(); // blocks like a long poll
                }, () -> {});

        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 4);
        source.close();

        assertThat(source.isClosed()).isTrue();
        assertThat(passes).hasValue(4);
    }
}
