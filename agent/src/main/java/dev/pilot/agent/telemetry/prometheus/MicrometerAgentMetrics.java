package dev.pilot.agent.telemetry.prometheus;

import dev.pilot.agent.telemetry.AgentMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The agent's own metrics, in Prometheus terms: {@code pilot_heartbeats_total{service}},
 * {@code pilot_health_check_failures_total{service}}, {@code pilot_onchange_runs_total{upstream,outcome}},
 * {@code pilot_onchange_duration_seconds{upstream}} and {@code pilot_backend_errors_total{backend}}.
 */
final class MicrometerAgentMetrics implements AgentMetrics {

    private final MeterRegistry registry;

    MicrometerAgentMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void heartbeatSent(String service) {
        Counter.builder("pilot.heartbeats").description("Heartbeats sent to the catalog").tag("service", service)
                .register(registry).increment();
    }

    @Override
    public void healthCheckFailed(String service) {
        Counter.builder("pilot.health.check.failures").description("Health checks that failed or timed out")
                .tag("service", service).register(registry).increment();
    }

    @Override
    public void onChangeRan(String upstream, Duration took, boolean succeeded) {
        Counter.builder("pilot.onchange.runs").description("onChange commands run")
                .tag("upstream", upstream).tag("outcome", succeeded ? "success" : "failure")
                .register(registry).increment();
        Timer.builder("pilot.onchange.duration").description("How long onChange commands ran")
                .tag("upstream", upstream).register(registry).record(took);
    }

    @Override
    public void backendError(String backend) {
        Counter.builder("pilot.backend.errors").description("Catalog operations that failed")
                .tag("backend", backend).register(registry).increment();
    }
}
