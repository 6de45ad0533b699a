package dev.pilot.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The backend that {@code pilot.discovery.*} properties name, and its raw configuration: what the
 * gRPC integration reads from system properties and the Spring integration from its environment.
 * Exactly one of {@code pilot.discovery.<backend>} is set, either as a value
 * ({@code pilot.discovery.consul=127.0.0.1:8500}, {@code pilot.discovery.local=/var/run/pilot-catalog})
 * or as keys under it ({@code pilot.discovery.etcd.endpoints[0]=http://127.0.0.1:2379},
 * {@code pilot.discovery.consul.tls.ca-file=…}). The raw configuration is handed to the backend's
 * config hook as the agent hands it the value under the backend's name: a string, or a map in which
 * kebab-case keys become camelCase ({@code watch-wait} → {@code watchWait}) and indexed keys
 * ({@code endpoints[0]}, {@code endpoints[1]}) a list.
 *
 * @param name the backend's name
 * @param raw  its raw configuration: a string, or a map of strings, maps and lists
 */
public record BackendProperties(String name, Object raw) {

    /** The prefix of every key: {@code pilot.discovery.}. */
    public static final String PREFIX = "pilot.discovery.";
    /** The backends Pilot ships, named in messages even when their module is not on the class path. */
    private static final List<String> SHIPPED = List.of("consul", "etcd", "zookeeper", "local");

    /**
     * The names {@code pilot.discovery.<backend>} may take, sorted: the backends Pilot ships and
     * those {@code available} holds.
     */
    public static SortedSet<String> candidates(Backends available) {
        SortedSet<String> candidates = new TreeSet<>(SHIPPED);
        candidates.addAll(available.names());
        return candidates;
    }

    /**
     * The backend that flat {@code properties} name ({@code pilot.discovery.etcd.tls.ca-file=…});
     * other keys are ignored.
     *
     * @throws ConfigException naming the property when there is no backend, two, one not in
     *                         {@code available}, or one given both as a value and as keys
     */
    public static BackendProperties from(Properties properties, Backends available) {
        return choose(available, name -> Optional.ofNullable(raw(properties, name)));
    }

    /**
     * The one backend whose raw configuration {@code rawOf} finds, for a source of properties that
     * reads the keys under {@code pilot.discovery.<name>} itself (and passes its block through
     * {@link #block}).
     *
     * @param rawOf a backend's raw configuration by its name, empty when nothing configures it
     * @throws ConfigException naming {@code pilot.discovery} when no backend or several are
     *                         configured, {@code pilot.discovery.<name>} when the one configured is
     *                         not in {@code available}
     */
    public static BackendProperties choose(Backends available, Function<String, Optional<Object>> rawOf) {
        SortedSet<String> candidates = candidates(available);
        Map<String, Object> configured = new TreeMap<>();
        for (String name : candidates) {
            rawOf.apply(name).ifPresent(raw -> configured.put(name, raw));
        }
        if (configured.size() != 1) {
            throw new ConfigException("pilot.discovery", "expected exactly one backend among "
                    + keys(candidates) + ", got " + (configured.isEmpty() ? "none" : keys(configured.keySet())));
        }
        String name = configured.keySet().iterator().next();
        if (!available.contains(name)) {
            throw new ConfigException(PREFIX + name, "no '" + name + "' backend on the class path (add pilot-backend-"
                    + name + "); backends found: " + available.names());
        }
        return new BackendProperties(name, configured.get(name));
    }

    /**
     * A block of keys as a backend expects it: kebab-case keys in camelCase, and a map whose keys
     * are {@code 0..n-1} (how {@code endpoints[0]=…, endpoints[1]=…} read as a map) a list, as JSON
     * would hold it; at every depth. Anything else is returned as it is.
     */
    public static Object block(Object value) {
        if (value instanceof Map<?, ?> map && isIndexed(map)) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < map.size(); i++) {
                out.add(block(map.get(Integer.toString(i))));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, inner) -> out.put(camelCase(String.valueOf(key)), block(inner)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(inner -> out.add(block(inner)));
            return out;
        }
        return value;
    }

    private static boolean isIndexed(Map<?, ?> map) {
        if (map.isEmpty()) {
            return false;
        }
        for (int i = 0; i < map.size(); i++) {
            if (!map.containsKey(Integer.toString(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code watch-wait} as {@code watchWait}. */
    public static String camelCase(String key) {
        StringBuilder out = new StringBuilder(key.length());
        boolean upper = false;
        for (char c : key.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /**
     * Creates the backend: {@code backends.create(name, raw)}.
     *
     * @throws ConfigException when the backend rejects its configuration
     */
    public ServiceBackend create(Backends backends) {
        return backends.create(name, raw);
    }

    /** The value of {@code pilot.discovery.<name>}, or the block of keys under it, or null. */
    private static Object raw(Properties properties, String name) {
        String property = PREFIX + name;
        String value = properties.getProperty(property);
        Map<String, Object> block = new LinkedHashMap<>();
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            if (key.startsWith(property + ".")) {
                put(block, key, key.substring(property.length() + 1), properties.getProperty(key));
            }
        }
        if (value != null && !value.isBlank()) {
            if (!block.isEmpty()) {
                throw new ConfigException(property, "expected a value or keys under it, got both");
            }
            return value.strip();
        }
        return block.isEmpty() ? null : block(block);
    }

    /** Puts {@code value} at the path {@code rest} ({@code tls.ca-file}, {@code endpoints[0]}) of {@code block}. */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> block, String key, String rest, String value) {
        List<String> path = new ArrayList<>();
        for (String segment : rest.replace("[", ".").replace("]", "").split("\\.")) {
            if (segment.isEmpty()) {
                throw new ConfigException(key, "expected keys separated by single dots, got an empty segment");
            }
            path.add(camelCase(segment));
        }
        Map<String, Object> at = block;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = at.computeIfAbsent(path.get(i), ignored -> new LinkedHashMap<String, Object>());
            if (!(next instanceof Map)) {
                throw new ConfigException(key, "expected either a value or keys under '" + path.get(i) + "', got both");
            }
            at = (Map<String, Object>) next;
        }
        at.put(path.get(path.size() - 1), value.strip());
    }

    private static String keys(Collection<String> names) {
        return names.stream().map(name -> PREFIX + name).toList().toString();
    }
}
