package dev.pilot.discovery.support;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@link ObjectMapper}s of the backends that bind their servers' answers (Consul, etcd).
 * They share one pool of buffers ({@link JsonValues#pooledFactory()}).
 */
public final class JsonMappers {

    private JsonMappers() {}

    /** A default {@link ObjectMapper} whose buffers come from one pool shared by every thread. */
    public static ObjectMapper pooled() {
        return new ObjectMapper(JsonValues.pooledFactory());
    }
}
