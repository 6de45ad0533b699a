package dev.pilot.bench.micro;

import dev.pilot.bench.Measurement;
import dev.pilot.bench.Profile;
import dev.pilot.discovery.consul.ConsulDecodeBenchmark;
import dev.pilot.bench.RunContext;
import dev.pilot.bench.Status;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The scale of change detection, with JMH: {@link ChangeDetectionBenchmark} (diffing healthy
 * sets of 1 000 and 10 000 instances, one changed), {@link WatchFanOutBenchmark} (publishing
 * such a set to a watch's listeners) and {@link ConsulDecodeBenchmark} (the Consul backend's
 * decoder on a 10 000-instance health response, measured from the backend's package). It runs once, not
 * per backend.
 */
public final class MicroBenchmarks implements Measurement {

    public static final String TRACKER = "UpstreamTracker.update (diff, one changed)";
    public static final String PUBLISH = "UpstreamWatchers.publish (1 listener, one changed)";
    public static final String CONSUL_DECODE = "Consul health response decode";
    public static final String JSON_TOKENS = "the same response, JSON tokens only (floor)";
    public static final String JSON_TREE = "the same response, Jackson tree only";

    @Override
    public String id() {
        return "change-detection";
    }

    @Override
    public List<MicroRow> run(RunContext context) {
        context.log("change detection (JMH): %d fork(s), %d warm-up and %d measured iterations of %s",
                context.profile().jmhForks(), context.profile().jmhWarmups(), context.profile().jmhIterations(),
                context.profile().jmhIterationTime());
        List<MicroRow> rows = new ArrayList<>();
        try {
            for (RunResult result : new Runner(options(context.profile())).run()) {
                rows.add(row(result));
            }
        } catch (RunnerException | RuntimeException e) {
            rows.add(new MicroRow(TRACKER, 0, Status.FAILED, "failed: " + e, -1, -1, ""));
        }
        List<String> order = List.of(TRACKER, PUBLISH, CONSUL_DECODE, JSON_TREE, JSON_TOKENS);
        rows.sort(Comparator.comparingInt((MicroRow row) -> order.indexOf(row.benchmark())).thenComparingInt(MicroRow::size));
        return rows;
    }

    private static Options options(Profile profile) {
        TimeValue iteration = TimeValue.milliseconds(profile.jmhIterationTime().toMillis());
        return new OptionsBuilder()
                .include(ConsulDecodeBenchmark.class.getName())
                .include(ChangeDetectionBenchmark.class.getName())
                .include(WatchFanOutBenchmark.class.getName())
                .include(JsonParseFloorBenchmark.class.getName())
                .forks(profile.jmhForks())
                .warmupIterations(profile.jmhWarmups())
                .warmupTime(iteration)
                .measurementIterations(profile.jmhIterations())
                .measurementTime(iteration)
                .timeUnit(TimeUnit.MICROSECONDS)
                .jvmArgsAppend("-Xms1g", "-Xmx1g") // room for the 9 MB response's trees: GC is not what is measured
                .shouldFailOnError(true)
                .verbosity(profile.jmhForks() == 0 ? VerboseMode.SILENT : VerboseMode.NORMAL)
                .build();
    }

    private static MicroRow row(RunResult result) {
        String benchmark = result.getParams().getBenchmark();
        String name = benchmark.endsWith("diffWithOneChanged") ? TRACKER
                : benchmark.endsWith("decodeHealthResponse") ? CONSUL_DECODE
                : benchmark.endsWith("tokensOnly") ? JSON_TOKENS
                : benchmark.endsWith("treeOnly") ? JSON_TREE : PUBLISH;
        int size = Integer.parseInt(result.getParams().getParam("size"));
        var primary = result.getPrimaryResult();
        String note = name.equals(CONSUL_DECODE) ? String.format("response of %,d bytes", JsonParseFloorBenchmark.responseBytes(size)) : "";
        return new MicroRow(name, size, Status.MEASURED, note, round(primary.getScore()), round(primary.getScoreError()),
                primary.getScoreUnit());
    }

    private static double round(double value) {
        return Double.isNaN(value) ? -1 : Math.round(value * 100) / 100.0;
    }
}
