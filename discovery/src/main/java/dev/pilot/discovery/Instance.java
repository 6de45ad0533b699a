package dev.pilot.discovery;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One healthy instance of an upstream service, as a catalog reports it.
 *
 * @param id      the instance id (unique within its service)
 * @param name    the service name
 * @param address the address to connect to
 * @param port    the port to connect to
 * @param tags    the instance's tags
 * @param meta    the instance's metadata; empty when the catalog or writer has none
 */
public record Instance(String id, String name, String address, int port, List<String> tags,
                       Map<String, String> meta) {

    /** Healthy sets are ordered by id, so equal sets compare equal. */
    public static final Comparator<Instance> BY_ID = Comparator.comparing(Instance::id);

    public Instance {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        address = address == null ? "" : address;
        tags = tags == null ? List.of() : List.copyOf(tags);
        meta = meta == null ? Map.of() : Map.copyOf(meta);
    }

    public Instance(String id, String name, String address, int port, List<String> tags) {
        this(id, name, address, port, tags, Map.of());
    }

    /** Whether this instance carries {@code tag}; a null or empty tag matches every instance. */
    public boolean hasTag(String tag) {
        return tag == null || tag.isEmpty() || tags.contains(tag);
    }

    /** Sorts a healthy set by id into an unmodifiable list: the canonical form of a set. */
    public static List<Instance> sorted(java.util.Collection<Instance> instances) {
        return instances.stream().sorted(BY_ID).toList();
    }
}
