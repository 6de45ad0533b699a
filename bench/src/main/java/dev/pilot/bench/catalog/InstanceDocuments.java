package dev.pilot.bench.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ContainerPilot 2's instance document, {@code {"id","name","address","port","tags"}}: what the
 * raw clients of the coordinated filesystems (etcd, ZooKeeper) write as a key's value or a node's
 * data, and the local catalog's raw client as a file with its {@code expiresAt}: the layout
 * Pilot's backends read.
 */
public final class InstanceDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();

    private InstanceDocuments() {}

    /** The document of instance {@code id} of {@code service} on 127.0.0.1:{@code port}. */
    public static byte[] of(String service, String id, int port, List<String> tags) {
        return json(fields(service, id, port, tags));
    }

    /** The document's fields, in order, for a catalog that adds its own to them. */
    public static Map<String, Object> fields(String service, String id, int port, List<String> tags) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", id);
        document.put("name", service);
        document.put("address", "127.0.0.1");
        document.put("port", port);
        document.put("tags", tags);
        return document;
    }

    /** {@code document} as JSON. */
    public static byte[] json(Map<String, Object> document) {
        try {
            return JSON.writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing JSON to memory failed", e);
        }
    }
}
