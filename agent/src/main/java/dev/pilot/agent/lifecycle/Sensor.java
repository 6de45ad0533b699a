package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.SensorConfig;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.telemetry.SensorMetric;
import dev.pilot.agent.telemetry.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of {@code telemetry.sensors}: every {@code poll} runs its check and records the number it
 * prints (counter: added; gauge: set; histogram: observed into Prometheus's default buckets;
 * summary: observed into the .5/.9/.99 quantiles). A failed check or output that is not a number
 * records nothing; a counter is never decreased. Idle in maintenance.
 */
final class Sensor implements Component {

    private static final Logger LOG = LoggerFactory.getLogger(Sensor.class);

    private final SensorConfig config;
    private final CommandRunner runner;
    private final Telemetry telemetry;
    private final Maintenance maintenance;
    private SensorMetric metric;
    private Poller poller;

    Sensor(SensorConfig config, CommandRunner runner, Telemetry telemetry, Maintenance maintenance) {
        this.config = config;
        this.runner = runner;
        this.telemetry = telemetry;
        this.maintenance = maintenance;
    }

    @Override
    public void start() {
        metric = telemetry.sensor(config.metricName(), config.help(), config.type());
        String name = "sensor[" + config.metricName() + "]";
        poller = new Poller(name, config.poll(), maintenance::isOn, () -> observe(name)).start(config.poll());
    }

    private void observe(String name) throws InterruptedException {
        CommandRunner.Captured result = runner.capture(name, config.check(), config.timeout());
        if (!result.outcome().succeeded()) {
            LOG.debug("{}: check failed ({}); nothing recorded", name, result.outcome());
            return;
        }
        String text = result.stdout().trim();
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            LOG.warn("{}: expected a number from '{}', got \"{}\"", name, config.check(), text);
            return;
        }
        if (config.type() == SensorConfig.Type.COUNTER && value < 0) {
            LOG.warn("sensor {}: a counter cannot decrease; dropped {}", config.metricName(), value);
            return;
        }
        metric.record(value);
    }

    @Override
    public void stop() {
        if (poller != null) {
            poller.close();
        }
        if (metric != null) {
            metric.remove();
        }
    }
}
