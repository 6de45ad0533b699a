package dev.pilot.agent.config;

import dev.pilot.agent.config.net.Interfaces;
import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns the parsed JSON of a configuration into an {@link AgentConfig}, failing on the first
 * mistake with a {@link ConfigException} that names the key path, the value and what was
 * expected. Top-level keys are case-sensitive; keys inside blocks are not (as in ContainerPilot).
 */
public final class ConfigParser {

    private static final Set<String> KEYS = Set.of("logging", "preStart", "onStart", "preStop", "postStop",
            "stopTimeout", "services", "backends", "tasks", "coprocesses", "telemetry");
    /** Backends a ContainerPilot config may name, whether or not this build has them. */
    private static final Set<String> WELL_KNOWN_BACKENDS = Set.of("consul", "etcd", "zookeeper", "local");

    private final Backends registry;
    private final Set<String> installedBackends;
    private final SortedSet<String> serviceOptionKeys;
    private final String hostname;
    private final Interfaces interfaces;

    /**
     * @param registry   the backends on the class path: their names, and the checks of the
     *                   options block a service holds for the backend in use
     * @param hostname   this host's name, for instance ids
     * @param interfaces resolves {@code interfaces} lists
     */
    public ConfigParser(Backends registry, String hostname, Interfaces interfaces) {
        this(registry, registry.names(), hostname, interfaces);
    }

    /** A parser that knows only the names of {@code installedBackends}, from the class path's registry. */
    public ConfigParser(Set<String> installedBackends, String hostname, Interfaces interfaces) {
        this(Backends.fromClassPath(), installedBackends, hostname, interfaces);
    }

    private ConfigParser(Backends registry, Set<String> installedBackends, String hostname, Interfaces interfaces) {
        this.registry = registry;
        this.installedBackends = Set.copyOf(installedBackends);
        this.serviceOptionKeys = new TreeSet<>(WELL_KNOWN_BACKENDS);
        this.serviceOptionKeys.addAll(installedBackends);
        this.hostname = hostname;
        this.interfaces = interfaces;
    }

    public AgentConfig parse(Object json) {
        if (!(json instanceof Map<?, ?> root)) {
            throw new ConfigException("config", "expected a JSON object, got " + ConfigMap.describe(json));
        }
        List<String> warnings = new ArrayList<>();
        AgentConfig.BackendChoice backend = backend(root);
        ConfigMap top = ConfigMap.of("", root);
        List<ServiceConfig> services = list(top, "services",
                block -> ServiceConfig.parse(block, hostname, interfaces, serviceOptionKeys));
        checkServiceOptions(backend.name(), entries(top, "services"), services, warnings);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < services.size(); i++) {
            ServiceConfig service = services.get(i);
            if (!names.add(service.name())) {
                throw new ConfigException("services[" + i + "].name", "expected a name no other service has, got "
                        + ConfigMap.describe(service.name()) + " a second time (both would be one registration)");
            }
            if (!service.name().matches("[a-z][a-zA-Z0-9-]+")) {
                warnings.add("service name " + ConfigMap.describe(service.name()) + " is not a valid DNS label "
                        + "(a lower-case letter, then letters, digits and dashes): some catalogs reject it");
            }
            if (service.ttl().compareTo(service.poll()) < 0) {
                warnings.add("services[" + i + "]: ttl " + service.ttl().toSeconds() + "s is shorter than poll "
                        + service.poll().toSeconds() + "s: the registration lapses between heartbeats");
            }
        }
        Optional<Command> preStart = Fields.command(top, "preStart");
        if (top.has("onStart")) {
            warnings.add("onStart is deprecated: use preStart" + (preStart.isPresent() ? " (onStart ignored)" : ""));
            if (preStart.isEmpty()) {
                preStart = Fields.command(top, "onStart");
            }
        }
        return new AgentConfig(backend, services, list(top, "backends", UpstreamConfig::parse), preStart,
                Fields.command(top, "preStop"), Fields.command(top, "postStop"), stopTimeout(top),
                list(top, "tasks", TaskConfig::parse), list(top, "coprocesses", CoprocessConfig::parse),
                top.map("telemetry").map(block -> TelemetryConfig.parse(block, hostname, interfaces)),
                top.map("logging").map(LoggingConfig::parse).orElse(LoggingConfig.DEFAULT), warnings);
    }

    private AgentConfig.BackendChoice backend(Map<?, ?> root) {
        SortedSet<String> named = new TreeSet<>();
        for (Object key : root.keySet()) {
            String name = String.valueOf(key);
            if (installedBackends.contains(name) || WELL_KNOWN_BACKENDS.contains(name)) {
                named.add(name);
            } else if (!KEYS.contains(name)) {
                SortedSet<String> known = new TreeSet<>(KEYS);
                known.addAll(installedBackends);
                throw new ConfigException(name, "unknown key (top-level keys are case-sensitive); expected one of " + known);
            }
        }
        if (named.isEmpty()) {
            throw new ConfigException("config", "expected one discovery backend key (one of "
                    + new TreeSet<>(installedBackends) + "), got none");
        }
        if (named.size() > 1) {
            throw new ConfigException("config", "expected one discovery backend key, got " + named.size() + ": " + named);
        }
        String name = named.first();
        if (!installedBackends.contains(name)) {
            throw new ConfigException(name, "this build has no " + name + " backend; installed: "
                    + new TreeSet<>(installedBackends));
        }
        return new AgentConfig.BackendChoice(name, root.get(name));
    }

    /**
     * Each service's block for the backend in use is checked by that backend, which reads it again
     * when it registers the service; blocks for other backends do nothing, and a warning says so.
     */
    private void checkServiceOptions(String backend, List<ConfigMap> blocks, List<ServiceConfig> services,
                                     List<String> warnings) {
        for (int i = 0; i < services.size(); i++) {
            String path = blocks.get(i).path();
            services.get(i).options().forEach((name, block) -> {
                if (name.equals(backend)) {
                    registry.checkServiceOptions(name, path + "." + name, block);
                } else {
                    warnings.add(path + "." + name + ": options for the " + name + " backend; ignored with " + backend);
                }
            });
        }
    }

    private static Duration stopTimeout(ConfigMap top) {
        long seconds = Fields.wholeNumber(top, "stopTimeout",
                "expected a whole number of seconds (0 for the default of 5, negative to kill at once)").orElse(0L);
        return seconds == 0 ? AgentConfig.DEFAULT_STOP_TIMEOUT : seconds < 0 ? Duration.ZERO : Duration.ofSeconds(seconds);
    }

    private static <T> List<T> list(ConfigMap top, String key, Function<ConfigMap, T> parse) {
        List<T> result = new ArrayList<>();
        for (ConfigMap entry : entries(top, key)) {
            result.add(parse.apply(entry));
        }
        return result;
    }

    /**
     * The objects of an array-valued key. A null entry is an error (ContainerPilot skipped it,
     * which hid a half-deleted entry).
     */
    static List<ConfigMap> entries(ConfigMap block, String key) {
        Object raw = block.raw(key).orElse(null);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new ConfigException(block.path(key), "expected an array, got " + ConfigMap.describe(raw));
        }
        List<ConfigMap> entries = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            entries.add(ConfigMap.of(block.path(key) + "[" + i + "]", list.get(i)));
        }
        return entries;
    }
}
