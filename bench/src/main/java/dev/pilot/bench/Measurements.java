package dev.pilot.bench;

import dev.pilot.bench.footprint.AgentFootprint;
import dev.pilot.bench.footprint.FootprintSection;
import dev.pilot.bench.idle.IdleLoad;
import dev.pilot.bench.idle.IdleSection;
import dev.pilot.bench.latency.ChangeLatency;
import dev.pilot.bench.latency.LatencySection;
import dev.pilot.bench.micro.MicroBenchmarks;
import dev.pilot.bench.micro.MicroSection;
import dev.pilot.bench.report.GoalsSection;
import dev.pilot.bench.report.Section;
import dev.pilot.bench.scale.ScaleRun;
import dev.pilot.bench.scale.ScaleSection;
import dev.pilot.bench.throughput.HeartbeatThroughput;
import dev.pilot.bench.throughput.ThroughputSection;
import java.util.List;

/** Every measurement, in the order a run makes them, and the report sections drawn from them. */
public final class Measurements {

    private Measurements() {}

    /** JMH first, while no server runs, so the micro-benchmarks have the machine to themselves. */
    public static List<Measurement> all() {
        return List.of(new MicroBenchmarks(), new ChangeLatency(), new HeartbeatThroughput(), new IdleLoad(),
                new ScaleRun(), new AgentFootprint());
    }

    public static List<Section> sections() {
        return List.of(new MicroSection(), new LatencySection(), new ThroughputSection(), new IdleSection(),
                new ScaleSection(), new FootprintSection(),
                new GoalsSection());
    }
}
