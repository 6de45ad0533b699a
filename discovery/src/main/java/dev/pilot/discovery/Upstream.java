package dev.pilot.discovery;

import java.util.Objects;

/**
 * What a caller watches: a service name and an optional tag. State about upstreams is always
 * keyed by this pair, never by the name alone, so two watchers of one service with different
 * tags never see each other's changes.
 *
 * @param name the service name
 * @param tag  the tag to filter on; empty means no filter
 */
public record Upstream(String name, String tag) {

    public Upstream {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: expected a non-blank service name, got "
                    + (name == null ? "null" : "'" + name + "'"));
        }
        tag = tag == null ? "" : tag;
    }

    /** Whether a tag filter applies. */
    public boolean hasTag() {
        return !tag.isEmpty();
    }

    /** Whether {@code instance} belongs to this upstream's healthy set. */
    public boolean matches(Instance instance) {
        return instance.name().equals(name) && instance.hasTag(tag);
    }

    @Override
    public String toString() {
        return hasTag() ? name + "[tag=" + tag + "]" : name;
    }

    static Upstream of(String name, String tag) {
        return new Upstream(Objects.requireNonNull(name, "name"), tag);
    }
}
