package dev.pilot.bench.report;

import dev.pilot.bench.ResultStore;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The part of {@code BENCHMARKS.md} generated from one measurement's result file: its table,
 * with the command that produced it, and the charts it links to.
 */
public interface Section {

    /** The measurement id; the report replaces the text between its markers. */
    String id();

    /**
     * The Markdown for the stored result, if a run stored one.
     *
     * @param charts where to draw charts; the Markdown links to them relative to {@code reportDirectory}
     */
    Optional<String> render(ResultStore store, Path charts, Path reportDirectory);
}
