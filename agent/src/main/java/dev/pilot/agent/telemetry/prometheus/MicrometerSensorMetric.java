package dev.pilot.agent.telemetry.prometheus;

import dev.pilot.agent.config.SensorConfig;
import dev.pilot.agent.telemetry.SensorMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleConsumer;

/**
 * A sensor's metric in a Micrometer registry: counter (added), gauge (set), histogram (observed
 * into Prometheus's default buckets), summary (observed into the .5/.9/.99 quantiles).
 */
final class MicrometerSensorMetric implements SensorMetric {

    /** The Prometheus client's default histogram buckets, which ContainerPilot's histograms had. */
    private static final double[] DEFAULT_BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};

    private final MeterRegistry registry;
    private final Meter meter;
    private final DoubleConsumer record;

    private MicrometerSensorMetric(MeterRegistry registry, Meter meter, DoubleConsumer record) {
        this.registry = registry;
        this.meter = meter;
        this.record = record;
    }

    static SensorMetric register(MeterRegistry registry, String name, String help, SensorConfig.Type type) {
        return switch (type) {
            case COUNTER -> {
                Counter counter = Counter.builder(name).description(help).register(registry);
                yield new MicrometerSensorMetric(registry, counter, counter::increment);
            }
            case GAUGE -> {
                double[] value = {Double.NaN}; // gauges hold their value weakly: the record lambda keeps it
                Gauge gauge = Gauge.builder(name, value, v -> v[0]).description(help).register(registry);
                yield new MicrometerSensorMetric(registry, gauge, next -> value[0] = next);
            }
            case HISTOGRAM -> {
                DistributionSummary histogram = DistributionSummary.builder(name).description(help)
                        .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry);
                yield new MicrometerSensorMetric(registry, histogram, histogram::record);
            }
            case SUMMARY -> {
                DistributionSummary summary = DistributionSummary.builder(name).description(help)
                        .publishPercentiles(0.5, 0.9, 0.99).register(registry);
                yield new MicrometerSensorMetric(registry, summary, summary::record);
            }
        };
    }

    @Override
    public void record(double value) {
        record.accept(value);
    }

    @Override
    public void remove() {
        registry.remove(meter);
    }
}
