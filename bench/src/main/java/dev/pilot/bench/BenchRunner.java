package dev.pilot.bench;

import dev.pilot.bench.catalog.Catalogs;
import dev.pilot.bench.report.MeasuredCode;
import java.nio.file.Path;
import dev.pilot.discovery.Backends;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs measurements and stores each one's result as soon as it is done, so a run that is cut
 * short keeps what it measured.
 */
public final class BenchRunner {

    private final ResultStore store;
    private final String command;

    public BenchRunner(ResultStore store, String command) {
        this.store = store;
        this.command = command;
    }

    /** Runs {@code measurements} on {@code backends} with {@code profile}; returns the stored results. */
    public List<ResultFile<?>> run(List<Measurement> measurements, List<String> backends, Profile profile) {
        List<ResultFile<?>> results = new ArrayList<>();
        String commit = new MeasuredCode(MeasuredCode.repositoryOf(Path.of(""))).head().orElse(null);
        try (Catalogs catalogs = new Catalogs()) {
            RunContext context = new RunContext(profile, backends, catalogs, Backends.fromClassPath());
            for (Measurement measurement : measurements) {
                Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
                ForeignLoad load = ForeignLoad.start();
                double loadAverage = Machine.currentLoadAverage();
                long start = System.nanoTime();
                List<?> rows = measurement.run(context);
                double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
                Machine machine = Machine.current(catalogs.serverVersions(), loadAverage);
                ResultFile<?> result = new ResultFile<>(measurement.id(), command, started.toString(), seconds,
                        load.cores(), machine, rows, commit);
                store.write(result);
                context.log("%s done in %.1f s (other processes used %.2f cores meanwhile)", measurement.id(), seconds,
                        result.foreignCores());
                results.add(result);
            }
        }
        return results;
    }
}
