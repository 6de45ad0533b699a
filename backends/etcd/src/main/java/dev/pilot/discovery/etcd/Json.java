package dev.pilot.discovery.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pilot.discovery.support.JsonMappers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The JSON conventions of etcd's v3 gateway: keys and values are base64, 64-bit integers are
 * strings, and fields holding zero or false are left out of responses.
 */
final class Json {

    static final ObjectMapper MAPPER = JsonMappers.pooled();

    private Json() {}

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes of a base64 field; empty when the field is absent (etcd leaves out empty values). */
    static byte[] bytes(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? new byte[0] : Base64.getDecoder().decode(value.asText());
    }

    /** A base64 field as UTF-8 text. */
    static String text(JsonNode node, String field) {
        return new String(bytes(node, field), StandardCharsets.UTF_8);
    }

    /** An int64 field (a JSON string, or a number); 0 when absent. */
    static long int64(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        return value.isNumber() ? value.asLong() : Long.parseLong(value.asText());
    }

    static JsonNode parse(byte[] body) throws IOException {
        return MAPPER.readTree(body);
    }

    /** Every JSON value in {@code body}, one after the other (a stream's answers, one per line). */
    static List<JsonNode> parseAll(byte[] body) throws IOException {
        try (MappingIterator<JsonNode> values = MAPPER.readerFor(JsonNode.class).readValues(body)) {
            return values.readAll();
        }
    }

    /** {@code messages} one after the other, each on a line of its own: a stream's requests in one body. */
    static byte[] writeLines(List<? extends JsonNode> messages) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(messages.size() * 32);
        for (JsonNode message : messages) {
            body.writeBytes(write(message));
            body.write('\n');
        }
        return body.toByteArray();
    }

    static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing a JSON tree", e);
        }
    }
}
