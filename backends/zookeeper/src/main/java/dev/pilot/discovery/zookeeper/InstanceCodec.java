package dev.pilot.discovery.zookeeper;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The document an instance node holds: ContainerPilot 2's etcd {@code ServiceNode},
 * {@code {"id","name","address","port","tags"}}, in that field order, plus a {@code meta} object
 * when the definition has metadata (ContainerPilot 2 readers ignore fields they do not know).
 *
 * <p>Reading is lenient where ContainerPilot 2 writers differ ({@code "tags"} absent or
 * {@code null}, unknown fields) and strict where a wrong value would mislead a caller (a missing
 * id, a port outside 1–65535): such a node is {@link Malformed}.
 *
 * <p>Thread-safe.
 */
final class InstanceCodec {

    /** A node's document cannot be read as an instance; the message says why. */
    static final class Malformed extends Exception {
        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bytes of {@code service}'s node. */
    byte[] encode(ServiceDefinition service) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("id", service.id());
            json.writeStringField("name", service.name());
            json.writeStringField("address", service.ipAddress());
            json.writeNumberField("port", service.port());
            json.writeArrayFieldStart("tags");
            for (String tag : service.tags()) {
                json.writeString(tag);
            }
            json.writeEndArray();
            if (!service.meta().isEmpty()) {
                json.writeObjectFieldStart("meta");
                for (Map.Entry<String, String> entry : new TreeMap<>(service.meta()).entrySet()) {
                    json.writeStringField(entry.getKey(), entry.getValue());
                }
                json.writeEndObject();
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Reads an instance node.
     *
     * @throws Malformed when {@code data} is not such a document
     */
    Instance decode(byte[] data) throws Malformed {
        if (data == null || data.length == 0) {
            throw new Malformed("the node holds no data");
        }
        JsonNode root;
        try {
            root = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new Malformed("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new Malformed("unreadable (" + e.getMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new Malformed("expected a JSON object, got " + (root == null ? "nothing" : root.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        String id = text(root, "id", true);
        String name = text(root, "name", true);
        String address = text(root, "address", false);
        return new Instance(id, name, address, port(root), tags(root), meta(root));
    }

    private static String text(JsonNode root, String field, boolean required) throws Malformed {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Malformed("\"" + field + "\" is missing");
            }
            return "";
        }
        if (!value.isTextual() || (required && value.asText().isBlank())) {
            throw new Malformed("\"" + field + "\": expected a non-blank string, got " + value);
        }
        return value.asText();
    }

    private static int port(JsonNode root) throws Malformed {
        JsonNode value = root.get("port");
        if (value == null || !value.canConvertToInt() || !value.isIntegralNumber()
                || value.intValue() < 1 || value.intValue() > 65535) {
            throw new Malformed("\"port\": expected a whole number from 1 to 65535, got " + value);
        }
        return value.intValue();
    }

    private static List<String> tags(JsonNode root) throws Malformed {
        JsonNode value = root.get("tags");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new Malformed("\"tags\": expected an array of strings, got " + value);
        }
        List<String> tags = new ArrayList<>(value.size());
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw new Malformed("\"tags\": expected an array of strings, got " + value);
            }
            tags.add(tag.asText());
        }
        return tags;
    }

    private static Map<String, String> meta(JsonNode root) throws Malformed {
        JsonNode value = root.get("meta");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new Malformed("\"meta\": expected an object of strings, got " + value);
        }
        Map<String, String> meta = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new Malformed("\"meta\": expected string values, got " + entry.getValue() + " for \"" + entry.getKey() + "\"");
            }
            meta.put(entry.getKey(), entry.getValue().asText());
        }
        return meta;
    }
}
