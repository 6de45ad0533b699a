package dev.pilot.discovery.spring;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.core.env.Environment;

/**
 * Which backend {@code pilot.discovery} names, and its raw configuration: exactly one of
 * {@code pilot.discovery.<backend>}, either a value ({@code pilot.discovery.consul=127.0.0.1:8500})
 * or a block ({@code pilot.discovery.consul.address=…}), handed to the backend's config hook as
 * the agent hands it the value under the backend's name. Kebab-case keys become camelCase, so
 * {@code watch-wait} reaches the backend as {@code watchWait}, and indexed keys
 * ({@code endpoints[0]}, {@code endpoints[1]}) a list.
 */
record BackendSelection(String name, Object raw) {

    static final String PREFIX = "pilot.discovery.";
    /** The backends Pilot ships, named in messages even when their module is not on the class path. */
    private static final List<String> KNOWN = List.of("consul", "etcd", "zookeeper", "local");
    /** The message of {@code ConfigMap.allowOnly}, which every backend uses for its blocks. */
    private static final Pattern UNKNOWN_KEY = Pattern.compile("unknown key; expected one of \\[(.*)]");

    /** Reads the selection from {@code environment}; {@code available} are the backends on the class path. */
    static BackendSelection from(Environment environment, Backends available) {
        Binder binder = Binder.get(environment);
        SortedSet<String> candidates = new TreeSet<>(KNOWN);
        candidates.addAll(available.names());
        UnknownProperties.check(environment, candidates);
        Map<String, Object> configured = new LinkedHashMap<>();
        for (String name : candidates) {
            raw(environment, binder, name).ifPresent(raw -> configured.put(name, raw));
        }
        if (configured.size() != 1) {
            throw new PilotConfigurationException("pilot.discovery",
                    "expected exactly one backend among " + properties(candidates) + ", got "
                            + (configured.isEmpty() ? "none" : properties(configured.keySet())));
        }
        var only = configured.entrySet().iterator().next();
        if (!available.contains(only.getKey())) {
            throw new PilotConfigurationException(PREFIX + only.getKey(),
                    "no '" + only.getKey() + "' backend on the class path (add pilot-backend-" + only.getKey()
                            + "); backends found: " + available.names());
        }
        return new BackendSelection(only.getKey(), only.getValue());
    }

    /**
     * Creates the backend.
     *
     * @throws PilotConfigurationException naming the Spring property when the backend rejects its configuration
     */
    ServiceBackend create(Backends backends) {
        try {
            return backends.create(name, raw);
        } catch (ConfigException e) {
            throw new PilotConfigurationException(PREFIX + kebabPath(e.key()),
                    inKebabCase(e.key(), e.getMessage().substring(e.key().length() + 2)));
        }
    }

    /** {@code consul.tls.caFile} as the user wrote it in Spring: {@code consul.tls.ca-file}. */
    private static String kebabPath(String key) {
        return NearestName.kebab(key);
    }

    /** ConfigMap's {@code "unknown key; expected one of [a, bC]"}, in Spring's kebab-case, with the nearest key. */
    private static String inKebabCase(String key, String message) {
        Matcher unknown = UNKNOWN_KEY.matcher(message);
        if (!unknown.matches()) {
            return message;
        }
        List<String> known = new ArrayList<>();
        for (String name : unknown.group(1).split(", ")) {
            known.add(NearestName.kebab(name));
        }
        String typed = NearestName.kebab(key.substring(key.lastIndexOf('.') + 1));
        return NearestName.of(typed, known).map(nearest -> "unknown key; did you mean " + nearest + "?")
                .orElse("unknown key; expected one of " + known);
    }

    private static Optional<Object> raw(Environment environment, Binder binder, String name) {
        String property = PREFIX + name;
        Optional<String> value = Optional.ofNullable(binder.bind(property, String.class).orElse(null))
                .map(String::strip).filter(text -> !text.isEmpty());
        if (!hasKeysUnder(environment, property)) {
            return value.map(Object.class::cast);
        }
        if (value.isPresent()) {
            throw new PilotConfigurationException(property, "given both as a value and as keys (" + property
                    + ".*); expected one of the two forms");
        }
        return Optional.ofNullable(binder.bind(property, Bindable.mapOf(String.class, Object.class)).orElse(null))
                .filter(map -> !map.isEmpty())
                .map(BackendSelection::camelCaseKeys);
    }

    private static boolean hasKeysUnder(Environment environment, String property) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    /**
     * Spring binds {@code endpoints[0]=…, endpoints[1]=…} under a map as {@code {"0": …, "1": …}};
     * the backends expect a list there, as in JSON.
     */
    static Object camelCaseKeys(Object value) {
        if (value instanceof Map<?, ?> map && isIndexed(map)) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < map.size(); i++) {
                out.add(camelCaseKeys(map.get(Integer.toString(i))));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, inner) -> out.put(camelCase(String.valueOf(key)), camelCaseKeys(inner)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(inner -> out.add(camelCaseKeys(inner)));
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

    private static String properties(java.util.Collection<String> names) {
        return names.stream().map(name -> PREFIX + name).toList().toString();
    }
}
