package dev.pilot.agent.lifecycle;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action at a fixed rate on a virtual thread of its own: runs never overlap, ticks missed
 * while a run is slow are dropped (not caught up), and nothing runs while {@code paused}.
 * {@link #close()} interrupts a run in progress (a command it waits for is killed) and returns
 * once the thread has ended.
 */
final class Poller implements AutoCloseable {

    /** One run. May block; is interrupted when the poller closes. */
    @FunctionalInterface
    interface Action {
        void run() throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private final String name;
    private final Duration interval;
    private final Action action;
    private final BooleanSupplier paused;
    private final Semaphore wakeups = new Semaphore(0);
    private Thread thread;
    private volatile boolean closed;

    /**
     * @param name     names the thread and log lines
     * @param interval the period between the starts of runs
     * @param paused   when true, ticks pass without running the action
     */
    Poller(String name, Duration interval, BooleanSupplier paused, Action action) {
        this.name = name;
        this.interval = interval;
        this.action = action;
        this.paused = paused;
    }

    /** Starts polling; the first run is {@code firstDelay} from now. */
    synchronized Poller start(Duration firstDelay) {
        thread = Thread.ofVirtual().name("poll-" + name).start(() -> loop(firstDelay));
        return this;
    }

    /** Runs the action as soon as the current run (if any) ends, then keeps the rate from there. */
    void wakeUp() {
        wakeups.release();
    }

    private void loop(Duration firstDelay) {
        long next = System.nanoTime() + firstDelay.toNanos();
        long period = interval.toNanos();
        try {
            while (!closed) {
                long wait = next - System.nanoTime();
                boolean woken = wait > 0 && wakeups.tryAcquire(wait, TimeUnit.NANOSECONDS);
                if (woken) {
                    wakeups.drainPermits();
                }
                if (closed) {
                    return;
                }
                long started = System.nanoTime();
                if (!paused.getAsBoolean()) {
                    runOnce();
                }
                next = woken ? started + period : next + period;
                long now = System.nanoTime();
                if (next <= now) {
                    next += ((now - next) / period + 1) * period; // drop missed ticks
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void runOnce() throws InterruptedException {
        try {
            action.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("{}: {}", name, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
