package dev.pilot.bench.idle;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests counted by kind (heartbeat, read, watch, ping, …). Thread-safe. */
final class RequestCounts {

    static final String HEARTBEAT = "heartbeat";
    static final String READ = "read";
    static final String WATCH = "watch";
    static final String PING = "ping";
    static final String OTHER = "other";

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String kind) {
        counts.computeIfAbsent(kind, key -> new LongAdder()).increment();
    }

    Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counts.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    /** {@code after - before}, by kind. */
    static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> difference = new TreeMap<>();
        after.forEach((kind, count) -> difference.put(kind, count - before.getOrDefault(kind, 0L)));
        return difference;
    }
}
