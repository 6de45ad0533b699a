package dev.pilot.discovery.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(7));

    @Test
    void waitsGrowExponentiallyWithinHalfAStepOfJitter() {
        long[] ceilings = {100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000};
        for (long ceiling : ceilings) {
            assertThat(backoff.next().toMillis()).isBetween(ceiling / 2, ceiling);
        }
    }

    @Test
    void waitsAreJittered() {
        long distinct = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), new SplittableRandom(i)))
                .mapToLong(b -> {
                    b.next();
                    b.next();
                    return b.next().toMillis();
                })
                .distinct().count();
        assertThat(distinct).isGreaterThan(5);
    }

    @Test
    void aSuccessStartsOver() {
        for (int i = 0; i < 8; i++) {
            backoff.next();
        }

        backoff.reset();

        assertThat(backoff.next().toMillis()).isBetween(50L, 100L);
    }

    @Test
    void nonsenseLimitsAreRejected() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
