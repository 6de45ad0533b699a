package dev.pilot.agent.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A whole agent configuration, validated: ContainerPilot 2.7's schema.
 *
 * @param backend     which catalog, and its own configuration as written
 * @param services    the services this container advertises
 * @param upstreams   the services it depends on ({@code backends} in the file)
 * @param preStart    run before the main process; it must succeed
 * @param preStop     run on shutdown before services are deregistered
 * @param postStop    run after the main process stopped
 * @param stopTimeout how long the main process has between SIGTERM and SIGKILL; zero kills at once
 * @param tasks       periodic commands
 * @param coprocesses long-running commands beside the main process
 * @param telemetry   the Prometheus endpoint, if any
 * @param logging     how the agent logs
 * @param warnings    things worth saying that are not errors, logged once logging is set up
 */
public record AgentConfig(BackendChoice backend, List<ServiceConfig> services, List<UpstreamConfig> upstreams,
                          Optional<Command> preStart, Optional<Command> preStop, Optional<Command> postStop,
                          Duration stopTimeout, List<TaskConfig> tasks, List<CoprocessConfig> coprocesses,
                          Optional<TelemetryConfig> telemetry, LoggingConfig logging, List<String> warnings) {

    /** ContainerPilot's stop timeout when the config gives none (or zero). */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    public AgentConfig {
        services = List.copyOf(services);
        upstreams = List.copyOf(upstreams);
        tasks = List.copyOf(tasks);
        coprocesses = List.copyOf(coprocesses);
        warnings = List.copyOf(warnings);
    }

    /**
     * The catalog: the backend's name (the top-level key) and the value under it, as parsed from
     * JSON, for the backend's own config hook to validate. Its text form hides every secret
     * ({@link Redacted}): it is what the {@code Loaded config:} line prints.
     */
    public record BackendChoice(String name, Object raw) {
        @Override
        public String toString() {
            return "BackendChoice[name=" + name + ", raw=" + Redacted.of(raw) + "]";
        }
    }
}
