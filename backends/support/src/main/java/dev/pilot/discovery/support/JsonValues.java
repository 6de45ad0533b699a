package dev.pilot.discovery.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * data binding is most of the classes an agent would otherwise load. What the configuration, the
 * instance document and the answers of Consul and etcd are read and written with.
 *
 * <p>A value read is navigated as Jackson's {@code JsonNode.path} would: {@link #object},
 * {@link #array} and {@link #text} take a field that is missing, null or of another type as an
 * empty object, an empty array or empty text, never as null.
 */
public final class JsonValues {

    private static final JsonFactory JSON = pooledFactory();

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

    /**
     * The first JSON value in {@code json} (what follows it is not read); null when there is none.
     *
     * @throws IOException when {@code json} is not JSON
     */
    public static Object parse(byte[] json) throws IOException {
        return first(JSON.createParser(json));
    }

    /** {@link #parse(byte[])} of text. */
    public static Object parse(String json) throws IOException {
        return first(JSON.createParser(json));
    }

    private static Object first(JsonParser json) throws IOException {
        try (json) {
            return json.nextToken() == null ? null : read(json);
        }
    }

    /** Every JSON value in {@code json}, one after the other (a stream's answers, one per line). */
    public static List<Object> parseAll(byte[] json) throws IOException {
        List<Object> values = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(json)) {
            while (parser.nextToken() != null) {
                values.add(read(parser));
            }
        }
        return values;
    }

    /** The JSON bytes of {@code value}, as {@link #write} writes it. */
    public static byte[] toBytes(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            write(json, value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing JSON to memory", e);
        }
        return bytes.toByteArray();
    }

    /** {@code value} if it is an object; else (null, missing, another type) an empty one. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** {@code value} if it is an array; else (null, missing, another type) an empty one. */
    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** A string, number or boolean as text; empty for null, an object or an array. */
    public static String text(Object value) {
        return value == null || value instanceof Map || value instanceof List ? "" : String.valueOf(value);
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
