package dev.pilot.discovery.spi;

import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Instance;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * ContainerPilot 2's instance document, and the one rule set by which every backend accepts an
 * instance from its catalog. The document is what ContainerPilot's etcd backend stores under
 * {@code /containerpilot/{name}/{id}}:
 * <pre>{@code {"id": "web-1", "name": "web", "address": "10.0.0.5", "port": 8080, "tags": ["blue"]}}</pre>
 * plus a {@code meta} object (keys sorted) when the definition has metadata; ContainerPilot 2
 * readers ignore fields they do not know.
 *
 * <p>Maps in, maps out, so the SPI needs no JSON library: a backend turns the map into bytes with
 * its own (a map with insertion order, written compactly, gives ContainerPilot 2's bytes), and
 * hands {@link #decode} what its parser made of a document ({@code Map}, {@code List},
 * {@code String}, {@code Number}, {@code Boolean}, null).
 *
 * <p>The rules: {@code id} and {@code name} are non-blank strings; {@code port} is a whole number
 * from 1 to 65535; {@code address} is a string or absent (empty); {@code tags} an array of
 * strings, absent or null; {@code meta} an object of strings, absent or null; other fields are
 * ignored; and the name is the service the document is filed under.
 */
public final class InstanceDocument {

    /** A document that is not an instance; the message says which field is wrong and how. */
    public static final class Malformed extends Exception {
        public Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private InstanceDocument() {}

    /** The document of {@code service}, fields in ContainerPilot 2's order. */
    public static Map<String, Object> encode(ServiceDefinition service) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", service.id());
        document.put("name", service.name());
        document.put("address", service.ipAddress());
        document.put("port", service.port());
        document.put("tags", service.tags());
        if (!service.meta().isEmpty()) {
            document.put("meta", new TreeMap<>(service.meta()));
        }
        return document;
    }

    /**
     * Reads a document filed under service {@code service}.
     *
     * @param document what a JSON parser made of the document; null when it held nothing
     * @param service  the service it is filed under; null when the layout does not say
     * @throws Malformed naming the field that breaks a rule
     */
    public static Instance decode(Object document, String service) throws Malformed {
        if (!(document instanceof Map<?, ?> fields)) {
            throw new Malformed("expected a JSON object, got " + describe(document));
        }
        Instance instance = instance(fields.get("id"), fields.get("name"), fields.get("address"), fields.get("port"),
                fields.get("tags"), fields.get("meta"));
        if (service != null && !instance.name().equals(service)) {
            throw new Malformed("\"name\" is \"" + instance.name() + "\", not \"" + service
                    + "\", the service it is filed under");
        }
        return instance;
    }

    /**
     * Applies the rules to fields a catalog holds in another shape (Consul's health entries).
     *
     * @throws Malformed naming the field that breaks a rule
     */
    public static Instance instance(Object id, Object name, Object address, Object port, Object tags, Object meta)
            throws Malformed {
        return new Instance(text("id", id), text("name", name), address(address), port(port), tags(tags), meta(meta));
    }

    private static String text(String field, Object value) throws Malformed {
        if (value == null) {
            throw new Malformed("\"" + field + "\" is missing");
        }
        if (!(value instanceof String text) || text.isBlank()) {
            throw new Malformed("\"" + field + "\": expected a non-blank string, got " + describe(value));
        }
        return text;
    }

    private static String address(Object value) throws Malformed {
        if (value == null) {
            return "";
        }
        if (!(value instanceof String text)) {
            throw new Malformed("\"address\": expected a string, got " + describe(value));
        }
        return text;
    }

    private static int port(Object value) throws Malformed {
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger;
        if (!whole || ((Number) value).longValue() < 1 || ((Number) value).longValue() > 65535
                || value instanceof BigInteger big && big.bitLength() > 31) {
            throw new Malformed("\"port\": expected a whole number from 1 to 65535, got " + describe(value));
        }
        return ((Number) value).intValue();
    }

    private static List<String> tags(Object value) throws Malformed {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new Malformed("\"tags\": expected an array of strings, got " + describe(value));
        }
        List<String> tags = new ArrayList<>(list.size());
        for (Object tag : list) {
            if (!(tag instanceof String text)) {
                throw new Malformed("\"tags\": expected an array of strings, got " + describe(tag) + " in it");
            }
            tags.add(text);
        }
        return tags;
    }

    private static Map<String, String> meta(Object value) throws Malformed {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new Malformed("\"meta\": expected an object of strings, got " + describe(value));
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!(entry.getValue() instanceof String text)) {
                throw new Malformed("\"meta\": expected string values, got " + describe(entry.getValue())
                        + " for \"" + entry.getKey() + "\"");
            }
            meta.put(String.valueOf(entry.getKey()), text);
        }
        return meta;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof String text) {
            return "\"" + (text.length() > 64 ? text.substring(0, 64) + "…" : text) + "\"";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return value.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }
}
