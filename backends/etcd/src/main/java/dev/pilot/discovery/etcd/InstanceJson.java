package dev.pilot.discovery.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of an instance's key, exactly as ContainerPilot 2 writes and reads it:
 * {@code {"id": "web-1", "name": "web", "address": "10.0.0.5", "port": 8080, "tags": ["blue"]}}.
 * Metadata goes in an extra {@code "meta"} object, written only when there is some; readers that
 * ignore unknown fields (ContainerPilot's Go structs do) are not affected.
 */
final class InstanceJson {

    /** A value that does not describe an instance. */
    static final class MalformedException extends Exception {
        MalformedException(String reason) {
            super(reason, null, false, false);
        }
    }

    private InstanceJson() {}

    static byte[] write(ServiceDefinition service) {
        ObjectNode json = Json.object()
                .put("id", service.id())
                .put("name", service.name())
                .put("address", service.ipAddress())
                .put("port", service.port());
        ArrayNode tags = json.putArray("tags");
        service.tags().forEach(tags::add);
        if (!service.meta().isEmpty()) {
            ObjectNode meta = json.putObject("meta");
            new java.util.TreeMap<>(service.meta()).forEach(meta::put);
        }
        return Json.write(json);
    }

    /**
     * Reads an instance. {@code id}, {@code name} and {@code port} are required; {@code address}
     * may be missing (ContainerPilot's zero value, an empty string); {@code tags} and {@code meta}
     * may be missing or null; unknown fields are ignored.
     *
     * @throws MalformedException saying what is wrong with the value
     */
    static Instance read(byte[] value) throws MalformedException {
        JsonNode json;
        try {
            json = Json.parse(value);
        } catch (IOException e) {
            throw new MalformedException("not JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (json == null || json.isMissingNode()) {
            throw new MalformedException("expected a JSON object, got nothing");
        }
        if (!json.isObject()) {
            throw new MalformedException("expected a JSON object, got " + json.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        String id = requiredText(json, "id");
        String name = requiredText(json, "name");
        JsonNode address = json.get("address");
        if (address != null && !address.isNull() && !address.isTextual()) {
            throw new MalformedException("expected \"address\" to be a string");
        }
        JsonNode port = json.get("port");
        if (port == null || !port.canConvertToInt() || !port.isIntegralNumber() || port.asInt() < 1 || port.asInt() > 65535) {
            throw new MalformedException("expected \"port\" to be a whole number from 1 to 65535");
        }
        return new Instance(id, name, address == null || address.isNull() ? "" : address.asText(), port.asInt(),
                tags(json.get("tags")), meta(json.get("meta")));
    }

    private static String requiredText(JsonNode json, String field) throws MalformedException {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedException("expected \"" + field + "\" to be a non-blank string");
        }
        return value.asText();
    }

    private static List<String> tags(JsonNode tags) throws MalformedException {
        if (tags == null || tags.isNull()) {
            return List.of();
        }
        if (!tags.isArray()) {
            throw new MalformedException("expected \"tags\" to be an array of strings or null");
        }
        List<String> result = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (!tag.isTextual()) {
                throw new MalformedException("expected \"tags\" to be an array of strings or null");
            }
            result.add(tag.asText());
        }
        return result;
    }

    private static Map<String, String> meta(JsonNode meta) throws MalformedException {
        if (meta == null || meta.isNull()) {
            return Map.of();
        }
        if (!meta.isObject()) {
            throw new MalformedException("expected \"meta\" to be an object of strings");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : meta.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new MalformedException("expected \"meta\" to be an object of strings");
            }
            result.put(entry.getKey(), entry.getValue().asText());
        }
        return result;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
