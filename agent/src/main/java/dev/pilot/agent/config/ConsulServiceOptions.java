package dev.pilot.agent.config;

import dev.pilot.discovery.ConfigMap;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A service's {@code consul} block: options only Consul has. The consul backend sets them for
 * all of its registrations, so {@link #carryInto} moves them into its configuration.
 *
 * @param enableTagOverride              let Consul's anti-entropy keep tags edited in the catalog
 * @param deregisterCriticalServiceAfter how long Consul keeps a critical service before removing it
 */
public record ConsulServiceOptions(boolean enableTagOverride, Optional<Duration> deregisterCriticalServiceAfter) {

    static ConsulServiceOptions parse(ConfigMap block) {
        block.allowOnly("enableTagOverride", "deregisterCriticalServiceAfter");
        return new ConsulServiceOptions(block.bool("enableTagOverride", false),
                block.has("deregisterCriticalServiceAfter")
                        ? Optional.of(block.positiveDuration("deregisterCriticalServiceAfter", Duration.ZERO))
                        : Optional.empty());
    }

    /**
     * The consul backend's raw configuration with the services' options added where it does not
     * set them itself; a note in {@code warnings} when services disagree (the first wins) or the
     * backend is not consul (the options do nothing).
     */
    static Object carryInto(String backend, Object raw, List<ServiceConfig> services, List<String> warnings) {
        List<ConsulServiceOptions> given = services.stream().flatMap(s -> s.consul().stream()).distinct().toList();
        if (given.isEmpty()) {
            return raw;
        }
        if (!backend.equals("consul")) {
            warnings.add("services[].consul options only apply to the consul backend; ignored with " + backend);
            return raw;
        }
        if (given.size() > 1) {
            warnings.add("services give different consul options; the consul backend applies one set to all: " + given.getFirst());
        }
        ConsulServiceOptions options = given.getFirst();
        Map<String, Object> merged = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> merged.put(String.valueOf(k), v));
        } else if (raw instanceof String address) {
            String trimmed = address.trim();
            int scheme = trimmed.indexOf("://");
            if (scheme > 0) {
                merged.put("scheme", trimmed.substring(0, scheme));
                trimmed = trimmed.substring(scheme + 3);
            }
            merged.put("address", trimmed);
        }
        if (options.enableTagOverride()) {
            putUnlessSet(merged, "enableTagOverride", true);
        }
        options.deregisterCriticalServiceAfter().ifPresent(after ->
                putUnlessSet(merged, "deregisterCriticalServiceAfter", after.toMillis() + "ms"));
        return merged;
    }

    private static void putUnlessSet(Map<String, Object> block, String key, Object value) {
        boolean set = block.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).equals(key.toLowerCase(Locale.ROOT)));
        if (!set) {
            block.put(key, value);
        }
    }
}
