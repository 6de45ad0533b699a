package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The backend a {@code pilot:} target resolves through when the application hands none: named by
 * properties, the same keys as the Spring integration's. Exactly one of
 * {@code pilot.discovery.<backend>}, either a value ({@code pilot.discovery.consul=127.0.0.1:8500},
 * {@code pilot.discovery.local=/var/run/pilot-catalog}) or keys under it
 * ({@code pilot.discovery.etcd.endpoints[0]=http://127.0.0.1:2379}, {@code pilot.discovery.consul.tls.ca-file=…}),
 * handed to the backend's config hook as the agent hands it the value under the backend's name:
 * kebab-case keys become camelCase, indexed keys a list.
 *
 * <p>The keys come from the system properties, over a properties file named by
 * {@code pilot.discovery.config} if it is set.
 *
 * @param name the backend's name
 * @param raw  its raw configuration: a string or a map
 */
record BackendProperties(String name, Object raw) {

    static final String PREFIX = "pilot.discovery.";
    /** A properties file holding the keys; system properties win over it. */
    static final String FILE = PREFIX + "config";
    /** The backends Pilot ships, named in messages even when their module is not on the class path. */
    private static final List<String> KNOWN = List.of("consul", "etcd", "zookeeper", "local");

    /** The selection the system properties (and the file they may name) hold. */
    static BackendProperties fromSystem(Backends available) {
        Properties merged = new Properties();
        String file = System.getProperty(FILE);
        if (file != null && !file.isBlank()) {
            try (Reader reader = Files.newBufferedReader(Path.of(file.strip()), StandardCharsets.UTF_8)) {
                merged.load(reader);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(FILE, "expected a readable properties file, got '" + file + "' (" + e.getMessage() + ")");
            }
        }
        merged.putAll(System.getProperties());
        return from(merged, available);
    }

    /**
     * The selection {@code properties} hold.
     *
     * @throws ConfigException naming the property when there is no backend, two, or one not on the class path
     */
    static BackendProperties from(Properties properties, Backends available) {
        SortedSet<String> candidates = new TreeSet<>(KNOWN);
        candidates.addAll(available.names());
        Map<String, Object> configured = new TreeMap<>();
        for (String name : candidates) {
            Object raw = raw(properties, name);
            if (raw != null) {
                configured.put(name, raw);
            }
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
        return block.isEmpty() ? null : lists(block);
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

    /** A map whose keys are 0..n-1 becomes a list, as JSON would hold it. */
    private static Object lists(Object value) {
        if (value instanceof Map<?, ?> map) {
            boolean indexed = !map.isEmpty();
            for (int i = 0; i < map.size() && indexed; i++) {
                indexed = map.containsKey(Integer.toString(i));
            }
            if (indexed) {
                List<Object> list = new ArrayList<>();
                for (int i = 0; i < map.size(); i++) {
                    list.add(lists(map.get(Integer.toString(i))));
                }
                return list;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, inner) -> out.put(String.valueOf(key), lists(inner)));
            return out;
        }
        return value;
    }

    static String camelCase(String key) {
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

    private static String keys(java.util.Collection<String> names) {
        return names.stream().map(name -> PREFIX + name).toList().toString();
    }
}
