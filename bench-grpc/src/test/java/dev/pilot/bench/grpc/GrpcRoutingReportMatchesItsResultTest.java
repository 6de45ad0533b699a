package dev.pilot.bench.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.bench.report.MeasuredCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The gRPC routing section of the committed {@code BENCHMARKS.md} is what its stored result
 * ({@code bench/results/grpc-routing.json}) gives: a figure edited by hand, or a result stored
 * without its section, fails here.
 */
class GrpcRoutingReportMatchesItsResultTest {

    @Test
    void theSectionIsWhatTheStoredResultGives() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();
        GrpcResults stored = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(repository.resolve("bench/results/grpc-routing.json").toFile(), GrpcResults.class);

        // how many commits changed the measured code since depends on the clone, not on the result
        assertThat(MeasuredCode.withoutStaleness(GrpcRoutingReport.markdown(stored)))
                .as("BENCHMARKS.md's gRPC section against bench/results/grpc-routing.json")
                .isEqualTo(MeasuredCode.withoutStaleness(GrpcRoutingReport.SECTION.in(Files.readString(repository.resolve("BENCHMARKS.md")))));
    }
}
