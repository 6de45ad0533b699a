package dev.pilot.bench.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spring routing benchmark, one round on the local backend: it measures and reports, nothing more. */
class RoutingRoundSmokeTest {

    @Test
    void oneRoundOnTheLocalBackendMeasuresRegistrationAndDeregistration(@TempDir Path catalog) {
        RoutingBench.Subject subject = new RoutingBench.Subject("pilot-local", "Pilot", "local", false,
                Map.of("pilot.discovery.local", catalog.toString()),
                () -> new PilotRegistrar("local", catalog.toString()), null);

        RoundResult result = new RoutingRound(subject, 1, Duration.ofSeconds(20)).run();

        assertThat(result.timeouts()).isZero();
        assertThat(result.registrationMs()).hasSize(1).allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(result.deregistrationMs()).hasSize(1);
        assertThat(result.requestsSent()).isPositive();
        assertThat(new RoutingReport(java.util.List.of(result), java.time.Instant.now(), "0 0 0", "0 0 0", "test", null).markdown())
                .contains("| Pilot | local | 1 |");
    }
}
