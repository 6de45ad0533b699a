package dev.pilot.bench.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.report.MeasuredCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Spring routing section of the committed {@code BENCHMARKS.md} is what its stored result
 * ({@code bench/results/spring-routing.json}) gives: a figure edited by hand, or a result stored
 * without its section, fails here.
 */
class RoutingReportMatchesItsResultTest {

    @Test
    void theSectionIsWhatTheStoredResultGives() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();
        RoutingReport.Stored stored = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(repository.resolve("bench/results/spring-routing.json").toFile(), RoutingReport.Stored.class);

        // how many commits changed the measured code since depends on the clone, not on the result
        assertThat(MeasuredCode.withoutStaleness(RoutingReport.of(stored).markdown()))
                .as("BENCHMARKS.md's Spring section against bench/results/spring-routing.json")
                .isEqualTo(MeasuredCode.withoutStaleness(RoutingReport.SECTION.in(Files.readString(repository.resolve("BENCHMARKS.md")))));
    }
}
