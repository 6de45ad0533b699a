package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;

/**
 * The value of an instance's key: the ContainerPilot document ({@link InstanceDocument}) as
 * compact JSON, exactly the bytes ContainerPilot 2 writes and reads,
 * {@code {"id": "web-1", "name": "web", "address": "10.0.0.5", "port": 8080, "tags": ["blue"]}}.
 */
final class InstanceJson {

    private InstanceJson() {}

    static byte[] write(ServiceDefinition service) {
        try {
            return Json.MAPPER.writeValueAsBytes(InstanceDocument.encode(service));
        } catch (IOException e) {
            throw new IllegalStateException("cannot happen: writing a map as JSON", e);
        }
    }

    /**
     * Reads the value of a key filed under service {@code service}.
     *
     * @throws InstanceDocument.Malformed saying what is wrong with the value
     */
    static Instance read(byte[] value, String service) throws InstanceDocument.Malformed {
        Object document;
        try {
            document = value.length == 0 || new String(value, java.nio.charset.StandardCharsets.UTF_8).isBlank()
                    ? null : Json.MAPPER.readValue(value, Object.class);
        } catch (IOException e) {
            throw new InstanceDocument.Malformed("not JSON (" + firstLine(e.getMessage()) + ")");
        }
        return InstanceDocument.decode(document, service);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
