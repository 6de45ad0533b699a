package dev.pilot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class DistributionTest {

    @Test
    void percentilesAreNearestRankSoEveryFigureWasObserved() {
        long[] millis = LongStream.rangeClosed(1, 200).map(ms -> ms * 1_000_000).toArray();
        Distribution distribution = Distribution.ofNanos(millis);
        assertThat(distribution.count()).isEqualTo(200);
        assertThat(distribution.minMs()).isEqualTo(1.0);
        assertThat(distribution.p50Ms()).isEqualTo(100.0);
        assertThat(distribution.p99Ms()).isEqualTo(198.0);
        assertThat(distribution.maxMs()).isEqualTo(200.0);
    }

    @Test
    void orderOfTheSampleDoesNotMatter() {
        assertThat(Distribution.ofNanos(new long[] {3_000_000, 1_000_000, 2_000_000}))
                .isEqualTo(Distribution.ofNanos(new long[] {1_000_000, 2_000_000, 3_000_000}));
    }

    @Test
    void anEmptySampleHasZeroCount() {
        assertThat(Distribution.ofNanos(new long[0]).count()).isZero();
    }
}
