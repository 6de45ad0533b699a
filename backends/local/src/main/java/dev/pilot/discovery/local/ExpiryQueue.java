package dev.pilot.discovery.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When each key next comes due: the time its earliest instance expires, so that only the
 * upstreams whose set changes by itself are read again, not every watched one.
 *
 * <p>A heartbeat moves a key's time later, hundreds of times a second at scale; that costs a map
 * write and nothing in the queue, whose entry for the key is moved to the key's time only when it
 * reaches the head. So the queue holds about one entry per key, whatever the heartbeat rate and
 * the TTLs. Not thread-safe.
 */
final class ExpiryQueue<K> {

    private record Due<K>(long at, K key) {}

    /** Each key's time; a key absent here has no entry that counts. */
    private final Map<K, Long> times = new HashMap<>();
    /** For every key in {@link #times}, an entry at or before its time; and stale entries. */
    private final PriorityQueue<Due<K>> queue = new PriorityQueue<>(Comparator.comparingLong(Due::at));

    /** Sets when {@code key} comes due; {@link Long#MAX_VALUE} for never. */
    void put(K key, long at) {
        if (at == Long.MAX_VALUE) {
            times.remove(key);
            return;
        }
        Long before = times.put(key, at);
        if (before == null || at < before) {
            queue.add(new Due<>(at, key));
        }
    }

    /** The earliest time a key comes due, or {@link Long#MAX_VALUE} when none will. */
    long next() {
        settle();
        Due<K> head = queue.peek();
        return head == null ? Long.MAX_VALUE : head.at();
    }

    /** Removes and returns the keys due at {@code now}, earliest first. */
    List<K> takeDue(long now) {
        List<K> due = new ArrayList<>();
        while (next() <= now) {
            K key = queue.poll().key();
            times.remove(key);
            due.add(key);
        }
        return due;
    }

    void clear() {
        times.clear();
        queue.clear();
    }

    /** Drops stale entries from the head, and moves one whose key's time went later. */
    private void settle() {
        for (Due<K> head = queue.peek(); head != null; head = queue.peek()) {
            Long at = times.get(head.key());
            if (at != null && at == head.at()) {
                return;
            }
            queue.poll();
            if (at != null && at > head.at()) {
                queue.add(new Due<>(at, head.key()));
            }
        }
    }

    /** Entries in the queue, stale ones included: for tests. */
    int entries() {
        return queue.size();
    }
}
