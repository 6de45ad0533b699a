package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryIndexTest {

    private final QueryIndex index = new QueryIndex();

    @Test
    void theFirstReadDoesNotBlock() {
        assertThat(index.value()).isZero();
    }

    @Test
    void theNextQueryWaitsOnTheIndexTheAgentAnswered() {
        index.advance(42);
        assertThat(index.value()).isEqualTo(42);

        index.advance(42);
        assertThat(index.value()).as("a timeout answers with the same index").isEqualTo(42);

        index.advance(57);
        assertThat(index.value()).isEqualTo(57);
    }

    @Test
    void anIndexThatGoesBackwardsIsResetSoTheNextReadDoesNotBlock() {
        index.advance(500);

        index.advance(12);

        assertThat(index.value()).isZero();
        index.advance(13);
        assertThat(index.value()).isEqualTo(13);
    }

    @Test
    void anIndexOfZeroBecomesOneSoTheLoopNeverSpins() {
        index.advance(0);
        assertThat(index.value()).isEqualTo(1);

        index.advance(-3);
        assertThat(index.value()).isEqualTo(1);
    }

    @Test
    void aFailureResetsTheIndex() {
        index.advance(99);

        index.reset();

        assertThat(index.value()).isZero();
    }
}
