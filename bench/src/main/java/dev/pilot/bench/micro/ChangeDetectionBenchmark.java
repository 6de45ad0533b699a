package dev.pilot.bench.micro;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamTracker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@code checkForUpstreamChanges} costs on a large upstream once the catalog has answered:
 * {@link UpstreamTracker#update} of a healthy set of {@code size} instances in catalog order,
 * one of which changed since the previous read (every call sees a change, so every call sorts
 * and compares the whole set).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ChangeDetectionBenchmark {

    @Param({"1000", "10000"})
    public int size;

    private final Upstream upstream = new Upstream("api", "");
    private UpstreamTracker tracker;
    private List<Instance> before;
    private List<Instance> after;
    private boolean flip;

    @Setup
    public void setUp() {
        before = HealthySets.of(size);
        after = HealthySets.withOneReaddressed(before);
        tracker = new UpstreamTracker();
        tracker.update(upstream, before);
    }

    @Benchmark
    public boolean diffWithOneChanged() {
        flip = !flip;
        return tracker.update(upstream, flip ? after : before);
    }
}
