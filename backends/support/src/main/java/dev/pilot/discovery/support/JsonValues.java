package dev.pilot.discovery.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as plain Java values, read and written with Jackson's streaming parser and generator:
 * objects as {@link LinkedHashMap}s in their keys' order (a key written twice: the last value, in
 * the first one's place), arrays as {@link ArrayList}s, whole numbers as Integer, Long or
 * BigInteger, other numbers as Double, booleans, strings and null, as Jackson's untyped binding
 * reads them, without an {@code ObjectMapper}: building one (its type factory, date format and
 * the locale data that needs) cost an agent's first registration about 25 ms, and Jackson's
 * data binding is most of the classes an agent would otherwise load. What the configuration and
 * the instance document are read and written with.
 */
public final class JsonValues {

    private JsonValues() {}

    /**
     * A {@link JsonFactory} whose buffers come from one pool shared by every thread. Jackson's
     * default keeps its parse and write buffers (about 12 KB) in a {@code ThreadLocal}: every
     * virtual thread that reads or writes JSON once (a heartbeat, a watch) would keep a set of its
     * own for as long as it lives, 12 MB of heap for an agent with 1 000 services.
     */
    public static JsonFactory pooledFactory() {
        return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();
    }

    /** The value at {@code json}'s current token, read to its end. */
    public static Object read(JsonParser json) throws IOException {
        return switch (json.currentToken()) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (String key = json.nextFieldName(); key != null; key = json.nextFieldName()) {
                    json.nextToken();
                    object.put(key, read(json));
                }
                yield object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    array.add(read(json));
                }
                yield array;
            }
            case VALUE_STRING -> json.getText();
            case VALUE_NUMBER_INT -> json.getNumberValue();
            case VALUE_NUMBER_FLOAT -> json.getDoubleValue();
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("not a JSON value: " + json.currentToken());
        };
    }

    /**
     * Writes {@code value}: a map (its keys as strings), an iterable, a string, a number, a
     * boolean or null, nested as deep as they are.
     *
     * @throws IllegalArgumentException for a value of another type
     */
    public static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                json.writeFieldName(String.valueOf(entry.getKey()));
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof Iterable<?> items) {
            json.writeStartArray();
            for (Object item : items) {
                write(json, item);
            }
            json.writeEndArray();
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Float number) {
            json.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else {
            throw new IllegalArgumentException("not a JSON value: a " + value.getClass().getName());
        }
    }
}
