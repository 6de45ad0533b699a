package dev.pilot.agent.process;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The processes this agent started through the JDK, which the JDK itself waits for. The
 * {@linkplain OrphanReaper reaper} must never reap those (their {@code Process.waitFor} would
 * break), so starting a process and recording its pid happen together, never while the reaper
 * is looking at an exited child.
 *
 * <p>Thread-safe.
 */
public final class ChildProcesses {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Set<Long> owned = ConcurrentHashMap.newKeySet();

    /** Starts {@code builder}'s process and records it until the JDK has waited for it. */
    public Process start(ProcessBuilder builder) throws IOException {
        lock.readLock().lock();
        try {
            Process process = builder.start();
            long pid = process.pid();
            owned.add(pid);
            process.onExit().whenComplete((p, e) -> owned.remove(pid));
            return process;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether the JDK started {@code pid} for this agent and has not yet waited for it. */
    public boolean owns(long pid) {
        return owned.contains(pid);
    }

    /**
     * Reaps the exited child {@code pid} unless the JDK owns it; no process starts meanwhile, so a
     * child that exits before its start is recorded is never taken for an orphan.
     *
     * @return whether it was reaped
     */
    boolean reapUnlessOwned(int pid) {
        lock.writeLock().lock();
        try {
            return !owned.contains((long) pid) && Posix.reap(pid);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
