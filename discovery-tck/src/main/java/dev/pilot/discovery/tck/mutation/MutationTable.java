package dev.pilot.discovery.tck.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a mutation run: for each mutant the tests that killed it, and whether the
 * unmodified backend passed every killer.
 *
 * @param backend       which backend the mutants wrapped
 * @param controlFailed killer tests that failed against the unmodified backend (should be none)
 * @param controlTests  how many killer tests ran against the unmodified backend
 * @param rows          one per mutant
 * @param took          the whole run
 */
public record MutationTable(String backend, List<String> controlFailed, int controlTests, List<Row> rows, Duration took) {

    /**
     * One mutant: its killers that failed against it and passed on the unmodified backend (the
     * kill), and those that failed against it but also on the unmodified backend (no kill).
     */
    public record Row(Mutant mutant, List<String> killedBy, List<String> discounted, Duration took) {

        public Row {
            killedBy = List.copyOf(killedBy);
            discounted = List.copyOf(discounted);
        }

        public boolean survived() {
            return killedBy.isEmpty();
        }
    }

    public MutationTable {
        controlFailed = List.copyOf(controlFailed);
        rows = List.copyOf(rows);
    }

    /** The mutants no test killed. */
    public List<String> survivors() {
        return rows.stream().filter(Row::survived).map(row -> row.mutant().name()).toList();
    }

    /**
     * Fails unless every killer test passed on the unmodified backend (else a kill proves nothing)
     * and every mutant was killed.
     */
    public void assertEveryMutantKilled() {
        assertThat(controlFailed).as("killer tests that fail on the unmodified %s backend", backend).isEmpty();
        assertThat(survivors()).as("mutants of the %s backend that no test killed", backend).isEmpty();
    }

    /** The table as text, one mutant per line, with the tests that killed it. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%nMutation table, %s backend, slack %s (%d mutants, %d survived, %.1f s)%n",
                backend, System.getProperty("pilot.tck.slack", "2"), rows.size(), survivors().size(), seconds(took)));
        text.append(String.format(Locale.ROOT, "  %-33s | %-8s | %s%n", "unmodified backend",
                controlFailed.isEmpty() ? "passed" : "FAILED",
                controlFailed.isEmpty() ? "all " + controlTests + " killer tests" : String.join("; ", controlFailed)));
        for (Row row : rows) {
            text.append(String.format(Locale.ROOT, "  %-33s | %-8s | %s (%.1f s)%n", row.mutant().name(),
                    row.survived() ? "SURVIVED" : "killed",
                    row.survived() ? "no named killer failed: " + String.join(", ", row.mutant().killers())
                            : String.join("; ", row.killedBy()),
                    seconds(row.took())));
            if (!row.discounted().isEmpty()) {
                text.append(String.format(Locale.ROOT, "  %-33s |          |   not counted (failed on the unmodified backend too): %s%n",
                        "", String.join("; ", row.discounted())));
            }
            text.append(String.format(Locale.ROOT, "  %-33s |          |   breaks: %s: %s%n", "",
                    row.mutant().breaks().where(), row.mutant().breaks().promise()));
            text.append(String.format(Locale.ROOT, "  %-33s |          |   defect: %s; made by %s%n", "",
                    row.mutant().defect(), row.mutant().made()));
        }
        return text.toString();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
