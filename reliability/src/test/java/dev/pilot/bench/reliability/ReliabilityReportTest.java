package dev.pilot.bench.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The committed {@code RELIABILITY.md} is exactly what the stored figures in
 * {@code bench/results/reliability} give: a figure edited by hand, or figures stored without
 * redrawing the report, fails here.
 */
class ReliabilityReportTest {

    @Test
    void reliabilityMdIsWhatTheStoredFiguresGive() throws Exception {
        Path repository = Path.of("").toAbsolutePath().getParent();

        String regenerated = new ReliabilityReport(repository.resolve("bench/results/reliability"), new ObjectMapper()).markdown();

        assertThat(regenerated).as("RELIABILITY.md against bench/results/reliability: run `scripts/reliability --report-only`")
                .isEqualTo(Files.readString(repository.resolve("RELIABILITY.md")));
    }

    @Test
    void theLegendSaysWhenLostRegistrationsWereCounted() {
        FaultFigures old = new FaultFigures("etcd", FaultScenario.WIPED, 3, null, 1.0, 0, 0, 0, 0, 0, 0);
        FaultFigures measured = new FaultFigures("etcd", FaultScenario.WIPED, 3, null, 1.0, 0, 60, 0, 0, 0, 0);

        assertThat(ReliabilityReport.lostAfter(List.of(old))).contains("0 by construction");
        assertThat(ReliabilityReport.lostAfter(List.of(measured))).isEqualTo("60 s after recovery");
    }
}
