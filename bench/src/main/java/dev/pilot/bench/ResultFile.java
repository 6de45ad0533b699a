package dev.pilot.bench;

import java.util.List;

/**
 * One measurement's raw results, as stored in {@code bench/results/<measurement>.json}: enough
 * to redraw its table and chart, and to compare a later run with it.
 *
 * @param measurement   the measurement's id, e.g. {@code change-latency}
 * @param command       the command that produced it
 * @param startedAt     when it started (ISO-8601)
 * @param seconds       how long it ran
 * @param foreignCores  CPU the rest of the machine used meanwhile, in cores (see {@link ForeignLoad})
 * @param machine       the machine it ran on
 * @param rows          one row per backend and observer; the row type depends on the measurement
 * @param commit        the commit measured ({@code +changes}: with uncommitted changes); null in
 *                      results stored before it was recorded
 * @param <R>           the row type
 */
public record ResultFile<R>(String measurement, String command, String startedAt, double seconds,
                            double foreignCores, Machine machine, List<R> rows, String commit) {

    public ResultFile {
        rows = List.copyOf(rows);
    }

    /** A result whose commit is not known. */
    public ResultFile(String measurement, String command, String startedAt, double seconds, double foreignCores,
                      Machine machine, List<R> rows) {
        this(measurement, command, startedAt, seconds, foreignCores, machine, rows, null);
    }

    /** Whether other work used more than a fifth of a core meanwhile: its numbers are noisy. */
    public boolean busy() {
        return foreignCores > 0.2;
    }
}
