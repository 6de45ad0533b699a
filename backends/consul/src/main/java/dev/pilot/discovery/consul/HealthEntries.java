package dev.pilot.discovery.consul;

import static dev.pilot.discovery.support.JsonValues.object;
import static dev.pilot.discovery.support.JsonValues.text;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.Upstream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the answer of {@code /v1/health/service/{name}} (as {@code JsonValues} reads it: maps,
 * lists and plain values): an array of entries, each with a {@code Node} and a {@code Service}.
 * An instance's address is the service's {@code Address}, or its node's when the service has none
 * (Consul's convention). Every entry is held to the rules every backend applies
 * ({@link InstanceDocument}: an ID, a name, a port from 1 to 65535, string tags and metadata, the
 * service asked for); an entry that breaks one is skipped with a warning naming the entry and the
 * rule, once per entry and reason however often it is read again. It never fails the whole read.
 *
 * <p>One per backend object. Thread-safe.
 */
final class HealthEntries {

    private static final Logger LOG = LoggerFactory.getLogger(HealthEntries.class);
    /** How many skipped entries are remembered, so each is warned about once. */
    private static final int WARNED_LIMIT = 1024;

    private final Map<String, Boolean> warned = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > WARNED_LIMIT;
        }
    };

    /** The instances in {@code entries}, sorted by id. */
    List<Instance> parse(List<?> entries, Upstream upstream) {
        List<Instance> instances = new ArrayList<>(entries.size());
        int position = 0;
        for (Object entry : entries) {
            try {
                instances.add(instance(entry, upstream));
            } catch (InstanceDocument.Malformed e) {
                warnOnce(upstream, describe(entry, position), e.getMessage());
            }
            position++;
        }
        return Instance.sorted(instances);
    }

    private static Instance instance(Object entry, Upstream upstream) throws InstanceDocument.Malformed {
        if (!(entry instanceof Map<?, ?> fields) || !(fields.get("Service") instanceof Map<?, ?> service)) {
            throw new InstanceDocument.Malformed("expected an object with a \"Service\" object");
        }
        Object address = service.get("Address");
        if (address == null || "".equals(address)) {
            address = object(fields.get("Node")).get("Address");
        }
        Instance instance = InstanceDocument.instance(service.get("ID"), service.get("Service"), address,
                service.get("Port"), service.get("Tags"), service.get("Meta"));
        if (!instance.name().equals(upstream.name())) {
            throw new InstanceDocument.Malformed("\"Service\" is \"" + instance.name() + "\", not \"" + upstream.name()
                    + "\", the service asked for");
        }
        return instance;
    }

    private static String describe(Object entry, int position) {
        String id = text(object(object(entry).get("Service")).get("ID"));
        String node = text(object(object(entry).get("Node")).get("Node"));
        return (id.isEmpty() ? "entry #" + position : "service " + id) + (node.isEmpty() ? "" : " on node " + node);
    }

    private void warnOnce(Upstream upstream, String entry, String reason) {
        boolean first;
        synchronized (warned) {
            first = warned.put(upstream + "|" + entry + "|" + reason, Boolean.TRUE) == null;
        }
        if (first) {
            LOG.warn("consul: skipping {} in the health of {}: {}", entry, upstream, reason);
        }
    }
}
