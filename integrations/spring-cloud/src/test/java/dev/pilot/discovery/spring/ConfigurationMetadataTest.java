package dev.pilot.discovery.spring;

import static dev.pilot.discovery.support.JsonValues.array;
import static dev.pilot.discovery.support.JsonValues.object;
import static dev.pilot.discovery.support.JsonValues.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.support.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The jar's Spring configuration metadata, which IDEs complete {@code pilot.discovery.*} from:
 * every property this module binds, with its default, and every key of every backend's block, as
 * the backend itself knows it. Fails when the metadata is missing, or a backend gains a key that
 * the hand-written part does not list.
 */
class ConfigurationMetadataTest {

    private static final Pattern KNOWN = Pattern.compile(".*: unknown key; expected one of \\[(.*)]");

    @Test
    void everyBoundPropertyIsDescribedWithItsDefault() throws IOException {
        Map<String, Map<String, Object>> properties = metadata();

        assertThat(properties.keySet()).contains("pilot.discovery.enabled", "pilot.discovery.watch",
                "pilot.discovery.service.register", "pilot.discovery.service.name", "pilot.discovery.service.id",
                "pilot.discovery.service.address", "pilot.discovery.service.port", "pilot.discovery.service.ttl",
                "pilot.discovery.service.tags", "pilot.discovery.service.metadata", "pilot.discovery.service.shutdown-delay");
        assertThat(properties.get("pilot.discovery.service.ttl").get("defaultValue")).isEqualTo("10s");
        assertThat(properties.get("pilot.discovery.service.shutdown-delay").get("defaultValue")).isEqualTo("1s");
        assertThat(properties.get("pilot.discovery.enabled").get("defaultValue")).isEqualTo(true);
        assertThat(properties.values()).allSatisfy(property ->
                assertThat(text(property.get("description"))).as(text(property.get("name"))).isNotBlank()
                        .doesNotContain("{@"));
    }

    @Test
    void everyKeyOfEveryBackendBlockIsDescribed() throws IOException {
        Map<String, Map<String, Object>> properties = metadata();
        Backends backends = Backends.fromClassPath();
        List<String> missing = new ArrayList<>();
        for (String backend : new TreeSet<>(backends.names())) {
            for (String key : keys(backends, backend, List.of())) {
                String property = "pilot.discovery." + backend + "." + key;
                if (!properties.containsKey(property)) {
                    missing.add(property);
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(properties).containsKeys("pilot.discovery.consul.tls.ca-file", "pilot.discovery.zookeeper.auth.user");
    }

    /** The backend's keys under {@code path}, found by handing it an unknown key and reading what it expects. */
    private static List<String> keys(Backends backends, String backend, List<String> path) {
        List<String> keys = new ArrayList<>();
        Matcher expected = expected(backends, backend, path);
        if (expected == null) {
            return keys;
        }
        for (String key : expected.group(1).split(", ")) {
            List<String> inner = new ArrayList<>(path);
            inner.add(key);
            List<String> below = expected(backends, backend, inner) == null ? List.of() : keys(backends, backend, inner);
            if (below.isEmpty()) {
                keys.add(NearestName.kebab(String.join(".", inner)));
            } else {
                keys.addAll(below);
            }
        }
        return keys;
    }

    /** The "expected one of" of an unknown key at {@code path}, or null when the value there is not a block. */
    private static Matcher expected(Backends backends, String backend, List<String> path) {
        Map<String, Object> raw = new HashMap<>(base(backend));
        Map<String, Object> block = raw;
        for (String key : path) {
            Map<String, Object> inner = new LinkedHashMap<>();
            block.put(key, inner);
            block = inner;
        }
        block.put("zzUnknown", 1);
        try {
            backends.create(backend, raw).close();
            return null;
        } catch (ConfigException e) {
            Matcher matcher = KNOWN.matcher(e.getMessage());
            String unknown = String.join(".", path) + (path.isEmpty() ? "" : ".") + "zzUnknown";
            return matcher.matches() && e.key().equals(backend + "." + unknown) ? matcher : null;
        }
    }

    private static Map<String, Object> base(String backend) {
        return switch (backend) {
            case "etcd" -> Map.of("endpoints", "http://127.0.0.1:2379");
            case "zookeeper" -> Map.of("address", "127.0.0.1:2181");
            case "local" -> Map.of("directory", System.getProperty("java.io.tmpdir") + "/pilot-never-used");
            default -> Map.of();
        };
    }

    private static Map<String, Map<String, Object>> metadata() throws IOException {
        try (InputStream in = ConfigurationMetadataTest.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json on the class path").isNotNull();
            Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
            for (Object property : array(object(JsonValues.parse(in.readAllBytes())).get("properties"))) {
                properties.put(text(object(property).get("name")), object(property));
            }
            return properties;
        }
    }
}
