package dev.pilot.bench.latency;

import dev.pilot.bench.catalog.ViewListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Times one change at a time as several observers see it. The harness announces a change
 * ({@link #expect}) just before writing it; each observer reports what it sees through its
 * {@link #listener}; the first view that shows the change is that observer's arrival. Views that
 * do not show it (stale or unrelated notifications) are ignored. An observer that cannot tell what
 * changed (the agent's onChange command) reports a null view: its first report after the
 * announcement is its arrival, which is sound because changes are made one at a time.
 *
 * <p>Thread-safe: observers report from their own threads.
 */
final class ChangeProbe {

    private final int observers;
    private final boolean[] excluded;
    private final long[][] latencies;
    private final int[] recorded;
    private final int[] misses;
    private String id;
    private boolean present;
    private long sentNanos;
    private boolean record;
    private boolean[] seen;
    private int pendingObservers;

    ChangeProbe(int observers, int capacity) {
        this.observers = observers;
        this.excluded = new boolean[observers];
        this.latencies = new long[observers][capacity];
        this.recorded = new int[observers];
        this.misses = new int[observers];
    }

    /** Leaves observer {@code index} out from now on (it could not start): no change waits for it. */
    synchronized void exclude(int index) {
        excluded[index] = true;
    }

    /** What observer {@code index} reports to. */
    ViewListener listener(int index) {
        return (arrivalNanos, ids) -> onView(index, arrivalNanos, ids);
    }

    /**
     * Announces that instance {@code id} is about to be added ({@code present}) or removed,
     * right now; with {@code record} its latencies count.
     */
    synchronized void expect(String id, boolean present, boolean record) {
        this.id = id;
        this.present = present;
        this.record = record;
        this.seen = excluded.clone();
        int pending = 0;
        for (boolean out : excluded) {
            pending += out ? 0 : 1;
        }
        this.pendingObservers = pending;
        this.sentNanos = System.nanoTime();
    }

    /** Waits until every observer saw the announced change, or {@code timeout}; counts misses. */
    synchronized boolean awaitSeen(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pendingObservers > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                for (int i = 0; i < observers; i++) {
                    if (!seen[i] && !excluded[i] && record) {
                        misses[i]++;
                    }
                }
                id = null;
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        id = null;
        return true;
    }

    private synchronized void onView(int observer, long arrivalNanos, Set<String> ids) {
        if (id == null || seen[observer] || arrivalNanos < sentNanos || ids != null && ids.contains(id) != present) {
            return;
        }
        seen[observer] = true;
        if (record) {
            latencies[observer][recorded[observer]++] = arrivalNanos - sentNanos;
        }
        if (--pendingObservers == 0) {
            notifyAll();
        }
    }

    synchronized long[] latencies(int observer) {
        return Arrays.copyOf(latencies[observer], recorded[observer]);
    }

    synchronized int misses(int observer) {
        return misses[observer];
    }
}
