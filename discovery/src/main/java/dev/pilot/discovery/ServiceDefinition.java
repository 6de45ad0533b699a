package dev.pilot.discovery;

import dev.pilot.discovery.spi.BackendProvider;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service instance this process advertises: what {@link ServiceBackend#sendHeartbeat} registers.
 *
 * <p>Validated at construction, so a backend never sees a half-formed definition. Lists and maps
 * are copied: later changes to the caller's collections do not leak in.
 *
 * @param id        unique id of this instance (ContainerPilot uses {@code <name>-<hostname>})
 * @param name      the service name other instances look up
 * @param port      the port the service listens on, 1–65535
 * @param ttl       how long the instance stays healthy without a heartbeat; positive, whole
 *                  seconds are what every catalog understands
 * @param tags      tags to filter on, in order, without duplicates
 * @param ipAddress the address other instances connect to
 * @param meta      optional key/value metadata (Consul {@code Meta}; an extra {@code meta} field
 *                  in the JSON of the coordinated-filesystem backends)
 * @param options   options only one catalog understands, keyed by backend name: the raw block a
 *                  configuration holds for this service under that name, e.g. under
 *                  {@code "consul"}: {@code {"deregisterCriticalServiceAfter": "10m"}}. Each backend
 *                  reads and validates its own block ({@link BackendProvider#checkServiceOptions})
 *                  and ignores the others.
 */
public record ServiceDefinition(
        String id, String name, int port, Duration ttl, List<String> tags, String ipAddress,
        Map<String, String> meta, Map<String, Object> options) {

    public ServiceDefinition {
        requireText("id", id);
        requireText("name", name);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: expected 1-65535, got " + port);
        }
        Objects.requireNonNull(ttl, "ttl: expected a positive duration, got null");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl: expected a positive duration, got " + ttl);
        }
        requireText("ipAddress", ipAddress);
        tags = tags == null ? List.of() : List.copyOf(tags);
        for (String tag : tags) {
            if (tag.isBlank()) {
                throw new IllegalArgumentException("tags: expected non-blank tags, got " + tags);
            }
        }
        meta = meta == null ? Map.of() : Map.copyOf(meta);
        options = options == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** A definition without backend options. */
    public ServiceDefinition(String id, String name, int port, Duration ttl, List<String> tags, String ipAddress,
                             Map<String, String> meta) {
        this(id, name, port, ttl, tags, ipAddress, meta, Map.of());
    }

    /** A definition without metadata. */
    public ServiceDefinition(String id, String name, int port, Duration ttl, List<String> tags, String ipAddress) {
        this(id, name, port, ttl, tags, ipAddress, Map.of());
    }

    /** This definition with {@code block} as the options of backend {@code backend}. */
    public ServiceDefinition withOptions(String backend, Object block) {
        Map<String, Object> next = new LinkedHashMap<>(options);
        next.put(backend, block);
        return new ServiceDefinition(id, name, port, ttl, tags, ipAddress, meta, next);
    }

    /** The raw options block of {@code backend}, if this service has one. */
    public Optional<Object> options(String backend) {
        return Optional.ofNullable(options.get(backend));
    }

    /** The instance other processes see while this definition is healthy. */
    public Instance toInstance() {
        return new Instance(id, name, ipAddress, port, tags, meta);
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": expected a non-blank string, got "
                    + (value == null ? "null" : "'" + value + "'"));
        }
    }
}
