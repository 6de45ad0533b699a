package dev.pilot.bench.scale;

/**
 * The scale workload's memory at one stage of its start, each figure taken just after a full
 * garbage collection.
 *
 * @param stage          {@code one service} (the backend and one service registered),
 *                       {@code services} (every service registered), {@code one watch} (and one
 *                       upstream delivered its first set), {@code watches} (every upstream did)
 *                       or {@code end} (after the run, heartbeats and watches still running)
 * @param rssKb          resident set size
 * @param heapUsedBytes  heap in use after the collection
 * @param nativeKb       memory the JVM committed, by Native Memory Tracking (heap included); -1 without it
 * @param directBytes    direct byte buffers in use
 * @param threads        live threads of the JVM (platform threads; virtual threads are not counted)
 */
public record MemoryPoint(String stage, long rssKb, long heapUsedBytes, long nativeKb, long directBytes, int threads) {}
