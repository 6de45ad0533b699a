package dev.pilot.discovery.spi;

import dev.pilot.discovery.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "10, 10000000000",
        "1500ms, 1500000000",
        "1h30m, 5400000000000",
        "2.5s, 2500000000",
        "100us, 100000",
        "100µs, 100000",
        "7ns, 7",
        "0, 0",
        "-2s, -2000000000",
    })
    void parsesGoDurations(String text, long nanos) {
        assertThat(Durations.parse("timeout", text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10x", "s", "1.5", "ten", "", "1 s"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> Durations.parse("timeout", text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("timeout: expected a duration such as \"10s\" or \"1500ms\", got \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, 0.1})
    void aFractionalNumberOfSecondsIsRejected(double seconds) {
        assertThatThrownBy(() -> Durations.parse("poll", seconds))
                .hasMessageStartingWith("poll: expected a whole number of seconds");
    }

    @Test
    void aDurationBeyondWhatNanosecondsHoldIsAnError() {
        assertThatThrownBy(() -> Durations.parse("f", "9999999999h"))
                .hasMessage("f: expected a duration of at most 292 years (\"2562047h\"), got \"9999999999h\"");
        assertThatThrownBy(() -> Durations.parse("f", new java.math.BigInteger("18446744073709551617")))
                .hasMessageStartingWith("f: expected a duration of at most 292 years");
        assertThatThrownBy(() -> Durations.parse("f", 1e30)).hasMessageStartingWith("f: expected a duration of at most");
        assertThat(Durations.parse("f", "2562047h")).isEqualTo(java.time.Duration.ofHours(2562047));
    }

    @ParameterizedTest
    @CsvSource({"0s, 0", "30s, 30000000000", "11m, 660000000000", "1h30m, 5400000000000", "1s500ms, 1500000000", "7ns, 7",
        "-2s, -2000000000"})
    void formatsWhatItParses(String text, long nanos) {
        assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
        assertThat(Durations.parse("f", text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void aRecordRequiresAPositiveDurationNamingTheKey() {
        assertThat(Durations.requirePositive("f", Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
        assertThatThrownBy(() -> Durations.requirePositive("foo.timeout", Duration.ZERO))
                .isInstanceOf(ConfigException.class).hasMessage("foo.timeout: expected a positive duration, got \"0s\"");
        assertThatThrownBy(() -> Durations.requirePositive("foo.timeout", Duration.ofSeconds(-2)))
                .hasMessage("foo.timeout: expected a positive duration, got \"-2s\"");
        assertThatThrownBy(() -> Durations.requirePositive("foo.timeout", null))
                .hasMessage("foo.timeout: expected a positive duration, got nothing");
    }
}
