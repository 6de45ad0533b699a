package dev.pilot.bench;

import java.util.List;

/**
 * One benchmark: runs against every selected backend and returns its rows, which the runner
 * stores as {@code bench/results/<id>.json} and the report turns into a table.
 */
public interface Measurement {

    /** The id, used for the result file and the report's markers, e.g. {@code change-latency}. */
    String id();

    /**
     * Runs with {@code context}'s profile against its backends. A backend that cannot be measured
     * yields a row saying why ({@link Status#NOT_MEASURED} or {@link Status#FAILED}), never an
     * exception that loses the other rows.
     */
    List<?> run(RunContext context);
}
