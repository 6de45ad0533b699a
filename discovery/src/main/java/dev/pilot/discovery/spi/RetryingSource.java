package dev.pilot.discovery.spi;

import dev.pilot.discovery.DiscoveryException;

import dev.pilot.discovery.spi.Threads;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * The loop behind a watch that reads from the catalog: run a {@link Pass} (read, publish, and wait
 * for the next change, however the catalog lets it wait) again and again on a named thread
 * ({@link Threads}: virtual where the runtime has them) until {@link #close()}. A pass that
 * throws is a failure: the first is logged at WARNING, the next ones at DEBUG, the recovery at
 * INFO; the loop waits a {@link Backoff} before the next pass, and publishes nothing meanwhile
 * (an outage is not a change).
 *
 * <p>{@link #close()} stops the loop: it runs the given interrupter (to abort a blocked read, e.g.
 * by closing a stream), interrupts the thread and returns once the loop has ended.
 */
public final class RetryingSource implements UpstreamCache.Source {

    /** One pass of the loop. */
    @FunctionalInterface
    public interface Pass {
        /**
         * Reads, publishes, and may block until the next change is due.
         *
         * @param answered to call once the catalog answered, when the pass goes on blocking after
         *                 that (a pass that returns counts as answered anyway)
         * @throws Exception any failure: logged, then the loop backs off and tries again
         */
        void run(Runnable answered) throws Exception;
    }

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);

    private final System.Logger log;
    private final String subject;
    private final Backoff backoff;
    private final Pass pass;
    private final Runnable interrupter;
    private final Thread thread;
    private volatile boolean closed;
    private int failures;

    private RetryingSource(String threadName, System.Logger log, String subject, Backoff backoff, Pass pass,
                           Runnable interrupter) {
        this.log = log;
        this.subject = subject;
        this.backoff = backoff;
        this.pass = pass;
        this.interrupter = interrupter;
        this.thread = Threads.unstarted(threadName, this::run);
    }

    /**
     * Starts the loop.
     *
     * @param threadName  the loop thread's name, e.g. {@code consul-watch-db}
     * @param logger      the logger name, usually the backend's watch class
     * @param subject     what the loop is, for messages: {@code "consul at 127.0.0.1:8500: the watch of db"}
     * @param interrupter aborts a blocked pass on close; may do nothing
     */
    public static RetryingSource start(String threadName, String logger, String subject, Backoff backoff, Pass pass,
                                       Runnable interrupter) {
        RetryingSource source = new RetryingSource(threadName, System.getLogger(logger), subject, backoff, pass,
                interrupter);
        source.thread.start();
        return source;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    private void run() {
        while (!closed) {
            try {
                pass.run(this::answered);
                answered();
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                failed(e);
                if (!pause(backoff.next())) {
                    return;
                }
            }
        }
    }

    private void answered() {
        if (failures > 0) {
            log.log(Level.INFO, subject + " works again after " + failures + " failed attempt" + (failures == 1 ? "" : "s"));
            failures = 0;
        }
        backoff.reset();
    }

    private void failed(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        boolean expected = e instanceof DiscoveryException || e instanceof IOException;
        String why = e instanceof DiscoveryException ? e.getMessage() : e.toString();
        if (failures++ == 0) {
            if (expected) {
                log.log(Level.WARNING, subject + " failed; keeping the last set and retrying: " + why);
            } else {
                log.log(Level.WARNING, subject + " failed unexpectedly; keeping the last set and retrying", e);
            }
        } else {
            log.log(Level.DEBUG, () -> subject + " failed again: " + why);
        }
    }

    /** Waits {@code duration}; false when closed meanwhile. */
    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            return false;
        }
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        interrupter.run();
        thread.interrupt();
        if (Thread.currentThread() == thread) {
            return; // a listener cancelled its own watch: the loop ends when the delivery returns
        }
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                log.log(Level.WARNING, subject + " did not stop within " + JOIN_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
