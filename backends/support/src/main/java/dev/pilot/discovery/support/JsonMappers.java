package dev.pilot.discovery.support;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The backends' {@link ObjectMapper}s. Jackson's default keeps its parse and write buffers
 * (about 12 KB) in a {@code ThreadLocal}: every virtual thread that reads or writes JSON once
 * (a heartbeat, a watch) keeps a set of its own for as long as it lives, 12 MB of heap for an
 * agent with 1 000 services. These mappers share one pool of buffers instead.
 */
public final class JsonMappers {

    private JsonMappers() {}

    /** A default {@link ObjectMapper} whose buffers come from one pool shared by every thread. */
    public static ObjectMapper pooled() {
        return new ObjectMapper(JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build());
    }
}
