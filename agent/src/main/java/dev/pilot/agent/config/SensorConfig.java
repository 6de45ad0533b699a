package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One entry of {@code telemetry.sensors}: a command whose output, a number, feeds a metric.
 *
 * @param metricName {@code namespace_subsystem_name} without the empty parts
 * @param help       the metric's help text
 * @param type       how each value is recorded
 * @param poll       how often the check runs
 * @param check      the command that prints the value
 * @param timeout    the check's time limit; the poll interval when not given
 */
public record SensorConfig(String metricName, String help, Type type, Duration poll, Command check, Duration timeout) {

    /** How a sensor records each value it reads. */
    public enum Type {
        /** Adds the value. */
        COUNTER,
        /** Sets the value. */
        GAUGE,
        /** Observes the value into buckets. */
        HISTOGRAM,
        /** Observes the value into quantiles. */
        SUMMARY
    }

    static SensorConfig parse(ConfigMap block) {
        block.allowOnly("namespace", "subsystem", "name", "help", "type", "poll", "check", "timeout");
        String name = Fields.name(block, "name", "metric name");
        String metricName = Stream.of(block.string("namespace", ""), block.string("subsystem", ""), name)
                .filter(part -> !part.isEmpty()).collect(Collectors.joining("_"));
        if (!metricName.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new ConfigException(block.path("name"), "expected a metric name of letters, digits and underscores, "
                    + "got \"" + metricName + "\" (namespace_subsystem_name)");
        }
        Duration poll = Fields.positiveSeconds(block, "poll");
        Duration timeout = Fields.timeout(block, "timeout");
        return new SensorConfig(metricName, block.string("help", metricName), type(block), poll,
                Fields.requiredCommand(block, "check"), timeout.isZero() ? poll : timeout);
    }

    private static Type type(ConfigMap block) {
        String value = block.string("type", "");
        try {
            return Type.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(block.path("type"), "expected one of counter, gauge, histogram, summary, got "
                    + ConfigMap.describe(block.raw("type").orElse(null)));
        }
    }
}
