package dev.pilot.discovery.etcd;

import dev.pilot.discovery.support.JsonValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON conventions of etcd's v3 gateway: keys and values are base64, 64-bit integers are
 * strings, and fields holding zero or false are left out of responses. Answers are read as
 * {@link JsonValues} reads them: maps, lists and plain values.
 */
final class Json {

    private Json() {}

    /** A request: {@code keysAndValues} as the fields of an object, in order. */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }

    static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The bytes of a base64 field; empty when the field is absent (etcd leaves out empty values). */
    static byte[] bytes(Map<String, Object> node, String field) {
        Object value = node.get(field);
        return value == null ? new byte[0] : Base64.getDecoder().decode(JsonValues.text(value));
    }

    /** A base64 field as UTF-8 text. */
    static String text(Map<String, Object> node, String field) {
        return new String(bytes(node, field), StandardCharsets.UTF_8);
    }

    /** An int64 field of {@code node} (a JSON string, or a number); 0 when it or {@code node} is absent. */
    static long int64(Object node, String field) {
        Object value = JsonValues.object(node).get(field);
        if (value == null) {
            return 0;
        }
        return value instanceof Number number ? number.longValue() : Long.parseLong(JsonValues.text(value));
    }

    /** {@code messages} one after the other, each on a line of its own: a stream's requests in one body. */
    static byte[] writeLines(List<Map<String, Object>> messages) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(messages.size() * 32);
        for (Map<String, Object> message : messages) {
            body.writeBytes(JsonValues.toBytes(message));
            body.write('\n');
        }
        return body.toByteArray();
    }
}
