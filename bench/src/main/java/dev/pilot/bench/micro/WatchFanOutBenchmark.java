package dev.pilot.bench.micro;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamCache;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What a watch costs per change on top of the catalog read: the {@link UpstreamCache} taking
 * a healthy set of {@code size} instances (one changed since the previous publish) to
 * {@code listeners} listeners, which is what every backend's watch source hands it on each read.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WatchFanOutBenchmark {

    @Param({"1000", "10000"})
    public int size;

    @Param({"1"})
    public int listeners;

    private final Upstream upstream = new Upstream("api", "");
    private UpstreamCache watchers;
    private Consumer<List<Instance>> sink;
    private List<Instance> before;
    private List<Instance> after;
    private boolean flip;

    @Setup(Level.Trial)
    public void setUp(Blackhole blackhole) {
        before = HealthySets.of(size);
        after = HealthySets.withOneReaddressed(before);
        watchers = new UpstreamCache(watched -> List.of(), (watched, source) -> {
            sink = source;
            return () -> { };
        });
        for (int i = 0; i < listeners; i++) {
            watchers.watch(upstream, blackhole::consume);
        }
        sink.accept(before);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        watchers.close();
    }

    @Benchmark
    public void publishOneChanged() {
        flip = !flip;
        sink.accept(flip ? after : before);
    }
}
