package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.SensorConfig;
import dev.pilot.agent.process.CommandRunner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.DoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@code telemetry.sensors}: every {@code poll} runs its check and records the number it
 * prints (counter: added; gauge: set; histogram: observed into Prometheus's default buckets;
 * summary: observed into the .5/.9/.99 quantiles). A failed check or output that is not a number
 * records nothing. Idle in maintenance.
 */
final class Sensor implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(Sensor.class);
    /** The Prometheus client's default histogram buckets, which ContainerPilot's histograms had. */
    private static final double[] DEFAULT_BUCKETS = {.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10};

    private final SensorConfig config;
    private final CommandRunner runner;
    private final MeterRegistry registry;
    private final Maintenance maintenance;
    /** Gauges hold their value weakly: this strong reference keeps it. */
    private final double[] gaugeValue = {Double.NaN};
    private Meter meter;
    private DoubleConsumer record;
    private Poller poller;

    Sensor(SensorConfig config, CommandRunner runner, MeterRegistry registry, Maintenance maintenance) {
        this.config = config;
        this.runner = runner;
        this.registry = registry;
        this.maintenance = maintenance;
    }

    @Override
    public void start() {
        register();
        String name = "sensor[" + config.metricName() + "]";
        poller = new Poller(name, config.poll(), maintenance::isOn, () -> observe(name)).start(config.poll());
    }

    private void register() {
        String name = config.metricName();
        switch (config.type()) {
            case COUNTER -> {
                Counter counter = Counter.builder(name).description(config.help()).register(registry);
                meter = counter;
                record = value -> {
                    if (value < 0) {
                        LOG.warn("sensor {}: a counter cannot decrease; dropped {}", name, value);
                    } else {
                        counter.increment(value);
                    }
                };
            }
            case GAUGE -> {
                meter = Gauge.builder(name, gaugeValue, v -> v[0]).description(config.help()).register(registry);
                record = value -> gaugeValue[0] = value;
            }
            case HISTOGRAM -> {
                DistributionSummary histogram = DistributionSummary.builder(name).description(config.help())
                        .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry);
                meter = histogram;
                record = histogram::record;
            }
            case SUMMARY -> {
                DistributionSummary summary = DistributionSummary.builder(name).description(config.help())
                        .publishPercentiles(0.5, 0.9, 0.99).register(registry);
                meter = summary;
                record = summary::record;
            }
        }
    }

    private void observe(String name) throws InterruptedException {
        CommandRunner.Captured result = runner.capture(name, config.check(), config.timeout());
        if (!result.outcome().succeeded()) {
            LOG.debug("{}: check failed ({}); nothing recorded", name, result.outcome());
            return;
        }
        String text = result.stdout().trim();
        try {
            record.accept(Double.parseDouble(text));
        } catch (NumberFormatException e) {
            LOG.warn("{}: expected a number from '{}', got \"{}\"", name, config.check(), text);
        }
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.close();
        }
        if (meter != null) {
            registry.remove(meter);
        }
    }
}
