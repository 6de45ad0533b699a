package dev.pilot.agent.telemetry;

/** The metric one sensor feeds, as its {@link dev.pilot.agent.config.SensorConfig.Type} records each value. Thread-safe. */
public interface SensorMetric {

    /** Adds (counter), sets (gauge) or observes (histogram, summary) {@code value}. */
    void record(double value);

    /** Takes the metric out of the endpoint. */
    void remove();
}
