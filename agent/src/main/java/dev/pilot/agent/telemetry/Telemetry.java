package dev.pilot.agent.telemetry;

import dev.pilot.agent.config.SensorConfig;
import java.io.IOException;

/**
 * The telemetry endpoint as the agent sees it: {@code GET http://<address>:<port>/metrics} in
 * Prometheus's text format, with the JVM's metrics, the agent's own ({@link #agentMetrics()}) and
 * the sensors' ({@link #sensor}). Made by {@link InstalledTelemetry}, which loads the
 * implementation and its libraries only for an agent whose configuration has a {@code telemetry}
 * block. Thread-safe.
 */
public interface Telemetry extends AutoCloseable {

    /**
     * Serves {@code /metrics} on {@code address:port}, moving the listener if it was elsewhere.
     *
     * @throws IOException when the address cannot be bound
     */
    void listen(String address, int port) throws IOException;

    /** The bound port (useful when 0 asked for any); -1 before {@link #listen}. */
    int port();

    /** Where the agent counts its heartbeats, failed checks, onChange runs and backend errors. */
    AgentMetrics agentMetrics();

    /** Registers the metric of one sensor; {@link SensorMetric#remove()} takes it away again. */
    SensorMetric sensor(String name, String help, SensorConfig.Type type);

    /** Stops serving and forgets every metric. */
    @Override
    void close();
}
