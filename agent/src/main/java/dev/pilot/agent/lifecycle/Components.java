package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.AgentConfig;
import dev.pilot.agent.config.CoprocessConfig;
import dev.pilot.agent.config.SensorConfig;
import dev.pilot.agent.config.ServiceConfig;
import dev.pilot.agent.config.TaskConfig;
import dev.pilot.agent.config.TelemetryConfig;
import dev.pilot.agent.config.UpstreamConfig;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.agent.telemetry.Telemetry;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running {@link Component}s of the configuration in force, against one backend, keyed by
 * their own configuration: {@link #apply} with a new configuration stops what went away or
 * changed and starts what is new, leaving the rest running. Used by the agent's control thread
 * only.
 */
final class Components {

    /** The telemetry endpoint's catalog entry, as a component key of its own. */
    private record TelemetryRegistration(ServiceDefinition definition) {}

    private final ServiceBackend backend;
    private final CommandRunner runner;
    private final Environment environment;
    private final Maintenance maintenance;
    private final AgentMetrics metrics;
    private final Map<Object, Component> running = new LinkedHashMap<>();

    Components(ServiceBackend backend, CommandRunner runner, Environment environment, Maintenance maintenance,
               AgentMetrics metrics) {
        this.backend = backend;
        this.runner = runner;
        this.environment = environment;
        this.maintenance = maintenance;
        this.metrics = metrics;
    }

    ServiceBackend backend() {
        return backend;
    }

    /**
     * Makes the running components those of {@code config}.
     *
     * @param registry where sensors record; present when the config has telemetry
     */
    void apply(AgentConfig config, Optional<Telemetry> registry) {
        List<Object> wanted = new ArrayList<>();
        wanted.addAll(config.services());
        wanted.addAll(config.upstreams());
        wanted.addAll(config.tasks());
        wanted.addAll(config.coprocesses());
        config.telemetry().ifPresent(telemetry -> {
            wanted.add(new TelemetryRegistration(telemetry.definition()));
            wanted.addAll(telemetry.sensors());
        });
        Set<String> keptIds = config.services().stream().map(ServiceConfig::id).collect(Collectors.toSet());
        for (Object key : List.copyOf(running.keySet())) {
            if (!wanted.contains(key)) {
                Component gone = running.remove(key);
                gone.stop();
                // a changed service keeps its id: its next heartbeat updates the registration
                if (!(key instanceof ServiceConfig service && keptIds.contains(service.id()))) {
                    gone.withdraw();
                }
            } else if (running.get(key) instanceof Coprocess kept) {
                kept.renew();
            }
        }
        for (Object key : wanted) {
            if (!running.containsKey(key)) {
                Component component = create(key, registry);
                running.put(key, component);
                component.start();
            }
        }
    }

    private Component create(Object config, Optional<Telemetry> registry) {
        return switch (config) {
            case ServiceConfig service -> new ServiceHeartbeat(service, backend, runner, maintenance, metrics);
            case UpstreamConfig upstream -> new UpstreamWatch(upstream, backend, runner, maintenance, metrics);
            case TaskConfig task -> new Task(task, runner, maintenance);
            case CoprocessConfig coprocess -> new Coprocess(coprocess, runner, environment);
            case SensorConfig sensor -> new Sensor(sensor, runner, registry.orElseThrow(), maintenance);
            case TelemetryRegistration telemetry -> new ServiceHeartbeat(TelemetryConfig.SERVICE_NAME,
                    telemetry.definition(), Optional.empty(), java.time.Duration.ZERO, TelemetryConfig.HEARTBEAT,
                    backend, runner, maintenance, metrics);
            default -> throw new IllegalArgumentException("no component for " + config.getClass().getSimpleName());
        };
    }

    /**
     * Stops everything that polls or watches (all but coprocesses, which keep running until
     * {@link #stopAll}); what they registered stays until {@link #withdrawAll}.
     */
    ShutdownSteps stopPolling(ShutdownSteps steps) {
        running.forEach((key, component) -> {
            if (!(component instanceof Coprocess)) {
                steps.run("stop " + describe(key), component::stop);
            }
        });
        return steps;
    }

    /**
     * Removes from the catalog what the components registered, all at once; stop them first. One
     * that fails does not keep the others in the catalog, and one that waits for a catalog that
     * does not answer does not hold up the others.
     */
    ShutdownSteps withdrawAll(ShutdownSteps steps) {
        List<Map.Entry<String, ShutdownSteps.Step>> withdrawals = new ArrayList<>();
        running.forEach((key, component) -> withdrawals.add(Map.entry("withdraw " + describe(key), component::withdraw)));
        steps.runTogether(withdrawals);
        return steps;
    }

    /** Stops every component, coprocesses included, and forgets them; one that fails stops no other. */
    ShutdownSteps stopAll(ShutdownSteps steps) {
        running.forEach((key, component) -> steps.run("stop " + describe(key), component::stop));
        running.clear();
        return steps;
    }

    private static String describe(Object key) {
        return switch (key) {
            case ServiceConfig service -> "service " + ConfigMap.describe(service.name());
            case UpstreamConfig upstream -> "watch of " + ConfigMap.describe(upstream.name());
            case TaskConfig task -> "task " + ConfigMap.describe(task.name());
            case CoprocessConfig coprocess -> "coprocess " + ConfigMap.describe(coprocess.name());
            case SensorConfig sensor -> "sensor " + sensor.metricName();
            case TelemetryRegistration ignored -> "telemetry registration";
            default -> key.getClass().getSimpleName();
        };
    }

    /** Every heartbeat: the services' and the telemetry endpoint's. */
    List<ServiceHeartbeat> services() {
        return running.values().stream().filter(ServiceHeartbeat.class::isInstance)
                .map(ServiceHeartbeat.class::cast).toList();
    }
}
