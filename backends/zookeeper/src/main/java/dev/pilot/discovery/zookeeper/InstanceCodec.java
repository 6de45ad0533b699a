package dev.pilot.discovery.zookeeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.ServiceDefinition;
import java.io.IOException;

/**
 * The data of an instance node: the ContainerPilot document ({@link InstanceDocument}) as compact
 * JSON, the bytes ContainerPilot 2's etcd backend writes, {@code {"id","name","address","port","tags"}}
 * in that order plus {@code meta} when there is some.
 *
 * <p>Thread-safe.
 */
final class InstanceCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The bytes of {@code service}'s node. */
    byte[] encode(ServiceDefinition service) {
        try {
            return JSON.writeValueAsBytes(InstanceDocument.encode(service));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: writing a map as JSON", e);
        }
    }

    /**
     * Reads an instance node filed under service {@code service} (null: any).
     *
     * @throws InstanceDocument.Malformed when {@code data} is not such a document
     */
    Instance decode(byte[] data, String service) throws InstanceDocument.Malformed {
        if (data == null || data.length == 0) {
            throw new InstanceDocument.Malformed("the node holds no data");
        }
        Object document;
        try {
            document = JSON.readValue(data, Object.class);
        } catch (JsonProcessingException e) {
            throw new InstanceDocument.Malformed("not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InstanceDocument.Malformed("unreadable (" + e.getMessage() + ")");
        }
        return InstanceDocument.decode(document, service);
    }
}
