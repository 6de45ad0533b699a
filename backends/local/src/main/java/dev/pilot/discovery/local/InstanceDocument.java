package dev.pilot.discovery.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import java.util.List;
import java.util.Map;

/**
 * One instance file: ContainerPilot 2's document body ({@code id, name, address, port, tags})
 * plus {@code meta} and the wall-clock time, in epoch milliseconds, at which it expires unless
 * refreshed. Readers ignore fields they don't know.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record InstanceDocument(String id, String name, String address, int port, List<String> tags,
                        Map<String, String> meta, long expiresAt) {

    static InstanceDocument of(ServiceDefinition service, long now) {
        return new InstanceDocument(service.id(), service.name(), service.ipAddress(), service.port(),
                service.tags(), service.meta(), now + service.ttl().toMillis());
    }

    /** Whether the document is complete enough to be an instance (a null tag or meta value is not). */
    boolean isValid() {
        return id != null && !id.isBlank() && name != null && !name.isBlank() && port > 0 && port <= 65535
                && (tags == null || !tags.contains(null))
                && (meta == null || meta.entrySet().stream().noneMatch(e -> e.getKey() == null || e.getValue() == null));
    }

    boolean isExpired(long now) {
        return expiresAt <= now;
    }

    Instance toInstance() {
        return new Instance(id, name, address, port, tags, meta);
    }
}
