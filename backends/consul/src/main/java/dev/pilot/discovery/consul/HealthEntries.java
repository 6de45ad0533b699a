package dev.pilot.discovery.consul;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the answer of {@code /v1/health/service/{name}}: an array of entries, each with a
 * {@code Node} and a {@code Service}. An instance's address is the service's {@code Address},
 * or its node's when the service has none (Consul's convention). An entry without a service ID,
 * name or valid port is skipped with a warning; it never fails the whole read.
 */
final class HealthEntries {

    private static final Logger LOG = LoggerFactory.getLogger(HealthEntries.class);

    private HealthEntries() {}

    /** The instances in {@code entries}, sorted by id. */
    static List<Instance> parse(JsonNode entries, Upstream upstream) {
        List<Instance> instances = new ArrayList<>();
        int skipped = 0;
        for (JsonNode entry : entries) {
            Instance instance = instance(entry);
            if (instance == null) {
                skipped++;
            } else {
                instances.add(instance);
            }
        }
        if (skipped > 0) {
            LOG.warn("consul: skipped {} malformed health entr{} of {}", skipped, skipped == 1 ? "y" : "ies", upstream);
        }
        return Instance.sorted(instances);
    }

    private static Instance instance(JsonNode entry) {
        JsonNode service = entry.path("Service");
        String id = service.path("ID").asText("");
        String name = service.path("Service").asText("");
        int port = service.path("Port").asInt(-1);
        if (id.isEmpty() || name.isEmpty() || port < 0 || port > 65535) {
            return null;
        }
        String address = service.path("Address").asText("");
        if (address.isEmpty()) {
            address = entry.path("Node").path("Address").asText("");
        }
        return new Instance(id, name, address, port, tags(service.path("Tags")), meta(service.path("Meta")));
    }

    private static List<String> tags(JsonNode tags) {
        List<String> result = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (tag.isTextual()) {
                result.add(tag.asText());
            }
        }
        return result;
    }

    private static Map<String, String> meta(JsonNode meta) {
        Map<String, String> result = new LinkedHashMap<>();
        meta.properties().forEach(field -> {
            if (field.getValue().isTextual()) {
                result.put(field.getKey(), field.getValue().asText());
            }
        });
        return result;
    }
}
