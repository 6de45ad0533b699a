package dev.pilot.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.bench.Measurements;
import dev.pilot.bench.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every generated part of the committed {@code BENCHMARKS.md} is what the stored results in
 * {@code bench/results} give today: a figure edited by hand, or a result stored without
 * redrawing the report, fails here. (What the history says — the commit a result stored without one
 * probably measured, and how many commits changed the measured code since — depends on the clone,
 * not on the result, so it is left out of the comparison.)
 */
class ReportsMatchTheirResultsTest {

    static Path repository() {
        return Path.of("").toAbsolutePath().getParent();
    }

    @Test
    void benchmarksMdIsWhatTheStoredResultsGive(@TempDir Path scratch) throws Exception {
        Path committed = repository().resolve("BENCHMARKS.md");
        String text = Files.readString(committed);
        ResultStore store = new ResultStore(repository().resolve("bench/results"));

        String regenerated = new Report(Measurements.sections())
                .render(text, store, scratch.resolve("bench/results/charts"), scratch);

        assertThat(withoutStaleness(regenerated)).as("BENCHMARKS.md against bench/results: run `scripts/bench report`")
                .isEqualTo(withoutStaleness(text));
    }

    /** A commit inferred from the history (absent from a shallow clone, or without git) reads the same as none. */
    private static final Pattern INFERRED = Pattern.compile("`[0-9a-f]+` \\(inferred\\)|not recorded(?= \\|)");

    static String withoutStaleness(String text) {
        return INFERRED.matcher(MeasuredCode.withoutStaleness(text)).replaceAll("(from the history)");
    }
}
