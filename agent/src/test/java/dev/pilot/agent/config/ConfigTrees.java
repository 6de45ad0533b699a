package dev.pilot.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generators of configuration trees (parsed JSON): a valid agent configuration with some of its
 * values replaced by hostile ones, raw text with characters cut or inserted, and arbitrary values
 * for a backend's block. Hostile values are the ones that found defects before: numbers beyond a
 * long, huge durations, NUL, paths, placeholders, long strings, wrong types.
 */
final class ConfigTrees {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("name", "port", "poll", "ttl", "health", "timeout", "interfaces",
            "tags", "onChange", "tag", "command", "frequency", "restarts", "level", "format", "output", "address",
            "endpoints", "prefix", "token", "password", "user", "tls", "auth", "scheme", "directory", "rescanInterval",
            "datacenter", "watchWait", "sessionTimeout", "connectionTimeout", "caFile", "insecureSkipVerify",
            "enableTagOverride", "deregisterCriticalServiceAfter", "services", "backends", "sensors", "namespace",
            "subsystem", "type", "check", "help");

    private ConfigTrees() {}

    static Gen<Object> scalars() {
        return Gen.oneOf(
                Gen.of("", " ", "a/b", "../x", "a\u0000b", ".hidden", "9999999999h", "1e3", " 1 ", "8080.0",
                        "-1", "0", "10", "1500ms", "1h30m", "-5s", "{{ .UNSET }}", ":8500", "http://u:p@127.0.0.1:1",
                        "https://127.0.0.1:2379", "static:127.0.0.1", "eth0", "inet6", "10.0.0.0/8", "unlimited", "never",
                        "debug", "json", "stderr", "digest", "sasl", "true", "NaN", "\uD800", "é", "x".repeat(10_000)),
                Gen.strings(12),
                Gen.anyInt(),
                Gen.anyLong(),
                Gen.of(new BigInteger("18446744073709559696"), new BigInteger("18446744073709551617"),
                        BigInteger.TEN.pow(30), BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)),
                Gen.of(8080.0, 1e3, 1e30, -0.0, 2.5, Double.MAX_VALUE, 1e-300),
                Gen.of(true, false),
                random -> null);
    }

    static Gen<Object> values(int depth) {
        if (depth == 0) {
            return scalars();
        }
        Gen<Object> list = values(depth - 1).list(0, 3).map(l -> (Object) l);
        Gen<Object> map = Gen.maps(Gen.of(KEYS), values(depth - 1), 4).map(m -> (Object) m);
        return Gen.weighted(6, scalars(), 2, list, 2, map);
    }

    static Gen<Object> backendValues() {
        return values(3);
    }

    /** A valid configuration, with up to three values (at any depth) replaced. */
    static Gen<Object> agentConfigs() {
        return agentConfigMutations().map(MutatedConfig::config);
    }

    /**
     * A valid configuration with up to three values replaced, and where: each target as a path
     * ({@code services[].tags[]}, {@code consul.address}), list indices left out.
     */
    record MutatedConfig(Object config, List<String> targets) {}

    /** {@link #agentConfigs()} with the paths of the values it replaced. */
    static Gen<MutatedConfig> agentConfigMutations() {
        Gen<String> backend = Gen.of("local", "consul", "etcd", "zookeeper");
        Gen<List<Object>> replacements = values(2).list(1, 3);
        Gen<List<Integer>> positions = Gen.ints(0, 1_000).list(3, 3);
        return random -> mutated(backend.draw(random), replacements.draw(random), positions.draw(random));
    }

    /** Every target path of the valid configuration of {@code backend}: what a mutation may replace. */
    static List<String> targets(String backend) {
        List<Slot> slots = new ArrayList<>();
        collect(mutableCopy(valid(backend)), "", slots);
        return slots.stream().map(Slot::path).toList();
    }

    /** Text that is JSON-ish: a valid configuration with characters cut, doubled or inserted. */
    static Gen<String> brokenTexts() {
        Gen<String> backend = Gen.of("local", "consul");
        Gen<Integer> at = Gen.ints(0, 10_000);
        Gen<Integer> cut = Gen.ints(0, 3);
        Gen<String> insert = Gen.of("", "{", "}", "[", "]", ",", ":", "\"", "\\", "\u0000", "{{", "}}",
                "1e400", "-", "/*", "\n");
        return random -> {
            String text = text(valid(backend.draw(random)));
            int p = at.draw(random) % (text.length() + 1);
            String inserted = insert.draw(random);
            return text.substring(0, p) + inserted + text.substring(Math.min(text.length(), p + cut.draw(random)));
        };
    }

    static Map<String, Object> valid(String backend) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(backend, switch (backend) {
            case "consul" -> Map.of("address", "127.0.0.1:8500", "token", "t");
            case "etcd" -> Map.of("endpoints", List.of("http://127.0.0.1:2379"), "user", "u", "password", "p");
            case "zookeeper" -> Map.of("address", "127.0.0.1:2181");
            default -> "/tmp/pilot-fuzz";
        });
        config.put("logging", new LinkedHashMap<>(Map.of("level", "info", "format", "text")));
        config.put("services", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "app", "port", 8080, "poll", 1,
                "ttl", 5, "health", "true", "interfaces", List.of("static:127.0.0.1"), "tags", List.of("a"))))));
        config.put("backends", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("name", "db", "poll", 3,
                "onChange", List.of("sh", "-c", "true"), "tag", "x")))));
        config.put("tasks", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("command", "true", "frequency", "1s")))));
        config.put("coprocesses", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("command", "true", "restarts", 1)))));
        config.put("stopTimeout", 5);
        return config;
    }

    /**
     * The valid configuration, copied into mutable maps and lists all the way down (its leaves are
     * {@code Map.of} and {@code List.of}), with up to three values replaced.
     */
    private static MutatedConfig mutated(String backend, List<Object> replacements, List<Integer> positions) {
        Object config = mutableCopy(valid(backend));
        List<String> targets = new ArrayList<>();
        for (int i = 0; i < replacements.size(); i++) {
            List<Slot> slots = new ArrayList<>();
            collect(config, "", slots);
            Slot slot = slots.get(positions.get(i) % slots.size());
            slot.replace(replacements.get(i));
            targets.add(slot.path());
        }
        return new MutatedConfig(config, List.copyOf(targets));
    }

    /** {@code node} with every map and list in it copied into a mutable one. */
    static Object mutableCopy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put(key, mutableCopy(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(value -> copy.add(mutableCopy(value)));
            return copy;
        }
        return node;
    }

    /** One place in the tree that holds a value: a map and a key, or a list and an index. */
    private record Slot(Object container, Object key, String path) {

        @SuppressWarnings("unchecked")
        void replace(Object value) {
            if (container instanceof Map<?, ?> map) {
                ((Map<Object, Object>) map).put(key, value);
            } else {
                ((List<Object>) container).set((Integer) key, value);
            }
        }
    }

    /** Every slot in the tree, depth first. */
    private static void collect(Object node, String path, List<Slot> slots) {
        if (node instanceof Map<?, ?> map) {
            for (Object key : List.copyOf(map.keySet())) {
                String at = path.isEmpty() ? String.valueOf(key) : path + "." + key;
                slots.add(new Slot(map, key, at));
                collect(map.get(key), at, slots);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                slots.add(new Slot(list, i, path + "[]"));
                collect(list.get(i), path + "[]", slots);
            }
        }
    }

    private static String text(Object tree) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
