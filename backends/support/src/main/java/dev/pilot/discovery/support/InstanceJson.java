package dev.pilot.discovery.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.spi.InstanceDocument;
import java.io.IOException;
import java.util.Map;

/**
 * The instance document ({@link InstanceDocument}) as the bytes a catalog stores: compact JSON,
 * fields in ContainerPilot 2's order, exactly what ContainerPilot 2 writes and reads,
 * {@code {"id":"web-1","name":"web","address":"10.0.0.5","port":8080,"tags":["blue"]}}.
 *
 * <p>One rule for what is not a document: empty or blank bytes are a document of nothing
 * ({@code expected a JSON object, got nothing}); bytes that do not parse are {@code not JSON (…)}
 * with the parser's first line. Read and written with Jackson's streaming parser and generator
 * ({@link JsonValues}), never an {@code ObjectMapper}: a backend that stores documents needs none of
 * Jackson's data binding. Thread-safe.
 */
public final class InstanceJson {

    private InstanceJson() {}

    /** The bytes of {@code service}'s document. */
    public static byte[] write(ServiceDefinition service) {
        return write(InstanceDocument.encode(service));
    }

    /** The bytes of a document a backend extended (a map keeps its insertion order). */
    public static byte[] write(Map<String, ?> document) {
        return JsonValues.toBytes(document);
    }

    /**
     * Reads the bytes of a document filed under service {@code service} (null: any).
     *
     * @throws InstanceDocument.Malformed saying what is wrong with them
     */
    public static Instance read(byte[] data, String service) throws InstanceDocument.Malformed {
        return InstanceDocument.decode(parse(data), service);
    }

    /**
     * What a JSON parser makes of {@code data}, as {@link InstanceDocument#decode} takes it: null
     * for null or empty bytes and for JSON's whitespace alone (the parser finds no value there, so
     * the bytes are read once, not decoded to a string first); for a backend that reads fields of
     * its own beside the document.
     *
     * @throws InstanceDocument.Malformed when {@code data} is not JSON
     */
    public static Object parse(byte[] data) throws InstanceDocument.Malformed {
        if (data == null || data.length == 0) {
            return null;
        }
        try {
            return JsonValues.parse(data);
        } catch (IOException e) {
            String detail = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new InstanceDocument.Malformed("not JSON (" + firstLine(detail) + ")");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
