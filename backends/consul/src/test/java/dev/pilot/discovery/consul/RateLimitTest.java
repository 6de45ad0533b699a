package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    private static final long MS = 1_000_000;

    @Test
    void aBurstPassesWithoutWaiting() {
        RateLimit limit = new RateLimit(3, Duration.ofMillis(50));
        long now = 1_000 * MS;

        for (int i = 0; i < 3; i++) {
            assertThat(limit.acquire(now)).isZero();
        }
    }

    @Test
    void beyondTheBurstRequestsAreSpacedByTheInterval() {
        RateLimit limit = new RateLimit(3, Duration.ofMillis(50));
        long now = -7 * MS; // nanoTime may be negative
        for (int i = 0; i < 3; i++) {
            limit.acquire(now);
        }

        assertThat(limit.acquire(now)).isEqualTo(Duration.ofMillis(50));
        assertThat(limit.acquire(now + 50 * MS)).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void rareRequestsNeverWait() {
        RateLimit limit = new RateLimit(2, Duration.ofMillis(50));
        long now = 0;
        for (int i = 0; i < 100; i++) {
            now += 60 * MS;
            assertThat(limit.acquire(now)).isZero();
        }
    }

    @Test
    void theBucketRefillsWhileIdle() {
        RateLimit limit = new RateLimit(2, Duration.ofMillis(50));
        limit.acquire(0);
        limit.acquire(0);
        assertThat(limit.acquire(0)).isPositive();

        long later = 1_000 * MS;
        assertThat(limit.acquire(later)).isZero();
        assertThat(limit.acquire(later)).isZero();
    }
}
