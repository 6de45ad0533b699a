package dev.pilot.agent.process;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * As PID 1 (or a subreaper) the agent inherits every orphaned process of the container and must
 * wait for it, or it stays a zombie. The JDK only waits for the processes it started, and a plain
 * {@code waitpid(-1)} would steal their exit status from it (breaking {@code Process.waitFor}).
 *
 * <p>So on each SIGCHLD, and every few seconds in case a signal was merged away, the reaper
 * peeks at an exited child with {@code waitid(P_ALL, …, WNOWAIT)} (which leaves it unreaped) and
 * reaps it with {@code waitpid(pid)} only if the JDK does not own it; a child the JDK owns is
 * left to the JDK, which waits for it at once, and the reaper looks again shortly after.
 */
public final class OrphanReaper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanReaper.class);
    private static final Duration SWEEP = Duration.ofSeconds(5);
    /** How long the reaper leaves an exited child to the JDK before looking again. */
    private static final Duration JDK_GRACE = Duration.ofMillis(20);

    private final ChildProcesses children;
    private final Semaphore childExited = new Semaphore(0);
    private Thread thread;
    private volatile boolean closed;

    public OrphanReaper(ChildProcesses children) {
        this.children = children;
    }

    /** Whether this process must reap orphans: it is PID 1 of its namespace. */
    public static boolean needed() {
        return ProcessHandle.current().pid() == 1;
    }

    public synchronized OrphanReaper start() {
        Posix.becomeSubreaper();
        Signal.handle(new Signal("CHLD"), signal -> childExited.release());
        thread = Thread.ofVirtual().name("orphan-reaper").start(this::loop);
        LOG.debug("reaping orphaned processes (pid {})", ProcessHandle.current().pid());
        return this;
    }

    private void loop() {
        try {
            while (!closed) {
                childExited.tryAcquire(SWEEP.toMillis(), TimeUnit.MILLISECONDS);
                childExited.drainPermits();
                reapAll();
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Reaps every exited orphan; returns how many. */
    int reapAll() throws InterruptedException {
        int reaped = 0;
        for (int round = 0; round < 10_000; round++) {
            int pid = Posix.peekExitedChild();
            if (pid <= 0) {
                return reaped;
            }
            if (children.reapUnlessOwned(pid)) {
                reaped++;
                LOG.debug("reaped orphaned process {}", pid);
            } else {
                // the JDK's own child: it is about to wait for it
                Thread.sleep(JDK_GRACE);
                if (Posix.peekExitedChild() == pid && children.owns(pid)) {
                    return reaped; // still there: another round will come with the next SIGCHLD or sweep
                }
            }
        }
        return reaped;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
