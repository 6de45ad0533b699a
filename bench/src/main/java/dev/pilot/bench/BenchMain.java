package dev.pilot.bench;

import dev.pilot.bench.catalog.Catalogs;
import dev.pilot.bench.report.Report;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark command line: {@code run} measures and reports, {@code report} only redraws. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Pilot's benchmarks: results to bench/results/*.json, tables and charts into BENCHMARKS.md.",
        subcommands = {BenchMain.Run.class, BenchMain.Redraw.class})
public final class BenchMain {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    static class Files {
        @Option(names = "--results", description = "Folder of the JSON results (default: ${DEFAULT-VALUE}).")
        Path results = Path.of("bench/results");

        @Option(names = "--report", description = "The Markdown report to update (default: ${DEFAULT-VALUE}).")
        Path report = Path.of("BENCHMARKS.md");
    }

    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs the benchmarks, then updates the report.")
    static final class Run implements Callable<Integer> {

        @CommandLine.Mixin
        Files files = new Files();

        @Option(names = "--profile", description = "full (what BENCHMARKS.md reports), quick or smoke (default: ${DEFAULT-VALUE}).")
        String profile = "full";

        @Option(names = "--only", split = ",", description = "Measurement ids to run (default: all).")
        List<String> only = List.of();

        @Option(names = "--backends", split = ",", description = "Backends to measure (default: ${DEFAULT-VALUE}).")
        List<String> backends = Catalogs.ALL;

        @Option(names = "--command", description = "The command to record as having produced the results.")
        String command = "scripts/bench";

        @Option(names = "--scale-services", description = "The most services of one scale process (default: the profile's).")
        Integer scaleServices;

        @Option(names = "--scale-seconds", description = "Length of the top scale rung in seconds (default: the profile's).")
        Integer scaleSeconds;

        @Option(names = "--scale-rung-seconds", description = "Length of each lower scale rung in seconds (default: the profile's).")
        Integer scaleRungSeconds;

        @Override
        public Integer call() {
            List<Measurement> measurements = Measurements.all().stream()
                    .filter(measurement -> only.isEmpty() || only.contains(measurement.id()))
                    .toList();
            if (measurements.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "--only: expected some of "
                        + Measurements.all().stream().map(Measurement::id).toList() + ", got " + only);
            }
            ResultStore store = new ResultStore(files.results);
            Profile chosen = Profile.named(profile);
            if (scaleServices != null || scaleSeconds != null || scaleRungSeconds != null) {
                chosen = chosen.withScale(scaleServices == null ? chosen.scaleServices() : scaleServices,
                        scaleRungSeconds == null ? chosen.scaleRungDuration() : java.time.Duration.ofSeconds(scaleRungSeconds),
                        scaleSeconds == null ? chosen.scaleDuration() : java.time.Duration.ofSeconds(scaleSeconds));
            }
            new BenchRunner(store, command).run(measurements, backends, chosen);
            new Report(Measurements.sections()).write(store, files.report);
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Redraws tables and charts from the stored results.")
    static final class Redraw implements Callable<Integer> {

        @CommandLine.Mixin
        Files files = new Files();

        @Override
        public Integer call() {
            new Report(Measurements.sections()).write(new ResultStore(files.results), files.report);
            return 0;
        }
    }
}
