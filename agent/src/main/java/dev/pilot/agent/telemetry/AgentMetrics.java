package dev.pilot.agent.telemetry;

import java.time.Duration;

/** What the agent counts about itself. Implementations are thread-safe. */
public interface AgentMetrics {

    void heartbeatSent(String service);

    void healthCheckFailed(String service);

    void onChangeRan(String upstream, Duration took, boolean succeeded);

    void backendError(String backend);

    /** Counts nothing: the agent without a {@code telemetry} block. */
    AgentMetrics NONE = new AgentMetrics() {
        @Override
        public void heartbeatSent(String service) {}

        @Override
        public void healthCheckFailed(String service) {}

        @Override
        public void onChangeRan(String upstream, Duration took, boolean succeeded) {}

        @Override
        public void backendError(String backend) {}
    };
}
