package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.AgentConfig;
import dev.pilot.agent.config.ServiceConfig;
import dev.pilot.agent.config.UpstreamConfig;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.telemetry.AgentMetrics;
import dev.pilot.discovery.ServiceBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The running {@link Component}s of the configuration in force, against one backend, keyed by
 * their own configuration: {@link #apply} with a new configuration stops what went away or
 * changed and starts what is new, leaving the rest running. Used by the agent's control thread
 * only.
 */
final class Components {

    private final ServiceBackend backend;
    private final CommandRunner runner;
    private final Maintenance maintenance;
    private final AgentMetrics metrics;
    private final Map<Object, Component> running = new LinkedHashMap<>();

    Components(ServiceBackend backend, CommandRunner runner, Maintenance maintenance, AgentMetrics metrics) {
        this.backend = backend;
        this.runner = runner;
        this.maintenance = maintenance;
        this.metrics = metrics;
    }

    ServiceBackend backend() {
        return backend;
    }

    /** Makes the running components those of {@code config}. */
    void apply(AgentConfig config) {
        List<Object> wanted = new ArrayList<>();
        wanted.addAll(config.services());
        wanted.addAll(config.upstreams());
        Set<String> keptIds = config.services().stream().map(ServiceConfig::id).collect(Collectors.toSet());
        for (Object key : List.copyOf(running.keySet())) {
            if (!wanted.contains(key)) {
                Component gone = running.remove(key);
                gone.stop();
                // a changed service keeps its id: its next heartbeat updates the registration
                if (!(key instanceof ServiceConfig service && keptIds.contains(service.id()))) {
                    gone.withdraw();
                }
            }
        }
        for (Object key : wanted) {
            if (!running.containsKey(key)) {
                Component component = create(key);
                running.put(key, component);
                component.start();
            }
        }
    }

    private Component create(Object config) {
        return switch (config) {
            case ServiceConfig service -> new ServiceHeartbeat(service, backend, runner, maintenance, metrics);
            case UpstreamConfig upstream -> new UpstreamWatch(upstream, backend, runner, maintenance, metrics);
            default -> throw new IllegalArgumentException("no component for " + config.getClass().getSimpleName());
        };
    }

    /** Stops every component; what they registered stays until {@link #withdrawAll}. */
    void stopAll() {
        running.values().forEach(Component::stop);
    }

    /** Removes from the catalog what the stopped components registered. */
    void withdrawAll() {
        running.values().forEach(Component::withdraw);
        running.clear();
    }

    /** Every service's heartbeat. */
    List<ServiceHeartbeat> services() {
        return running.values().stream().filter(ServiceHeartbeat.class::isInstance)
                .map(ServiceHeartbeat.class::cast).toList();
    }
}
