package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.TelemetryConfig;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.agent.telemetry.InstalledTelemetry;
import dev.pilot.agent.telemetry.MetricsHolder;
import dev.pilot.agent.telemetry.Telemetry;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The telemetry endpoint across reloads: started when the configuration has a {@code telemetry}
 * block, moved when its address or port changes, stopped when the block goes away. Components
 * record the agent's metrics to {@link #metrics()}, which forwards to the endpoint while there is
 * one. Used by the control thread.
 */
final class TelemetryEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryEndpoint.class);

    private final MetricsHolder metrics = new MetricsHolder();
    private Telemetry telemetry;

    AgentMetrics metrics() {
        return metrics;
    }

    /** Where sensors record; present while the endpoint runs. */
    Optional<Telemetry> registry() {
        return Optional.ofNullable(telemetry);
    }

    /**
     * Starts, moves or stops the endpoint as {@code wanted} says.
     *
     * @return false when its address cannot be bound or its classes cannot be loaded (the endpoint
     *         stays as it was)
     */
    boolean apply(Optional<TelemetryConfig> wanted) {
        if (wanted.isEmpty()) {
            close();
            return true;
        }
        Telemetry endpoint;
        try {
            endpoint = telemetry != null ? telemetry : InstalledTelemetry.create();
        } catch (IllegalStateException e) {
            LOG.error("{}", e.getMessage()); // an installation without the endpoint's jars: one line, no trace
            return false;
        }
        try {
            endpoint.listen(wanted.get().address(), wanted.get().port());
        } catch (IOException e) {
            LOG.error("telemetry: cannot listen on {}:{}: {}", wanted.get().address(), wanted.get().port(), e.getMessage());
            if (telemetry == null) {
                endpoint.close();
            }
            return false;
        }
        telemetry = endpoint;
        metrics.set(endpoint.agentMetrics());
        return true;
    }

    @Override
    public void close() {
        if (telemetry != null) {
            metrics.set(AgentMetrics.NONE);
            telemetry.close();
            telemetry = null;
        }
    }
}
