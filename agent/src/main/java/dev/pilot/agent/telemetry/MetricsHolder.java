package dev.pilot.agent.telemetry;

import java.time.Duration;

/**
 * The {@link AgentMetrics} components record to, which forwards to the telemetry endpoint's
 * metrics once there is one (a reload may add or remove the {@code telemetry} block). Thread-safe.
 */
public final class MetricsHolder implements AgentMetrics {

    private volatile AgentMetrics target = AgentMetrics.NONE;

    public void set(AgentMetrics target) {
        this.target = target;
    }

    @Override
    public void heartbeatSent(String service) {
        target.heartbeatSent(service);
    }

    @Override
    public void healthCheckFailed(String service) {
        target.healthCheckFailed(service);
    }

    @Override
    public void onChangeRan(String upstream, Duration took, boolean succeeded) {
        target.onChangeRan(upstream, took, succeeded);
    }

    @Override
    public void backendError(String backend) {
        target.backendError(backend);
    }
}
