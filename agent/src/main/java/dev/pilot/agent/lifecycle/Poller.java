package dev.pilot.agent.lifecycle;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action at a fixed rate, each run on a virtual thread of its own: runs never overlap,
 * ticks missed while a run is slow are dropped (not caught up), and nothing runs while
 * {@code paused}. {@link #close()} interrupts a run in progress (a command it waits for is
 * killed) and returns once it has ended.
 *
 * <p>Between runs a poller holds no thread: one timer, shared by every poller of the process,
 * starts each run. An agent with 1 000 services would otherwise keep 1 000 virtual threads
 * parked, each with its stack copied into the heap (about 4 KB), and every tick of such a thread
 * turns its old stack copy into garbage that has outlived a young collection: the old generation
 * filled with it, and the serial collector grew the heap to its cap.
 */
final class Poller implements AutoCloseable {

    /** One run. May block; is interrupted when the poller closes. */
    @FunctionalInterface
    interface Action {
        void run() throws InterruptedException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    /** Starts runs and nothing else, so one virtual thread serves every poller. */
    private static final ScheduledExecutorService TIMER = timer();

    private static ScheduledExecutorService timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Thread.ofVirtual().name("poll-timer").factory());
        timer.setRemoveOnCancelPolicy(true); // a wake-up cancels a tick: no garbage left in the queue
        return timer;
    }

    private final String name;
    private final long period;
    private final Action action;
    private final BooleanSupplier paused;
    // guarded by this
    private long next;
    private ScheduledFuture<?> tick;
    /** Which scheduled tick may start the next run: one a wake-up replaced may already be under way. */
    private long generation;
    private Thread running;
    private boolean wakeUpAfterRun;
    private boolean closed;

    /**
     * @param name     names the runs' threads and log lines
     * @param interval the period between the starts of runs
     * @param paused   when true, ticks pass without running the action
     */
    Poller(String name, Duration interval, BooleanSupplier paused, Action action) {
        this.name = name;
        this.period = interval.toNanos();
        this.action = action;
        this.paused = paused;
    }

    /** Starts polling; the first run is {@code firstDelay} from now. */
    synchronized Poller start(Duration firstDelay) {
        next = System.nanoTime() + firstDelay.toNanos();
        schedule(firstDelay.toNanos(), false);
        return this;
    }

    /** Runs the action as soon as the current run (if any) ends, then keeps the rate from there. */
    synchronized void wakeUp() {
        if (closed) {
            return;
        }
        if (running != null) {
            wakeUpAfterRun = true;
        } else {
            if (tick != null) {
                tick.cancel(false);
            }
            schedule(0, true);
        }
    }

    private void schedule(long delayNanos, boolean woken) {
        long current = ++generation;
        tick = TIMER.schedule(() -> begin(current, woken), delayNanos, TimeUnit.NANOSECONDS);
    }

    private synchronized void begin(long scheduled, boolean woken) {
        if (closed || scheduled != generation || running != null) {
            return; // a tick a wake-up replaced, too late to cancel
        }
        tick = null;
        running = Thread.ofVirtual().name("poll-" + name).unstarted(() -> run(woken));
        running.start();
    }

    private void run(boolean woken) {
        long started = System.nanoTime();
        try {
            if (!paused.getAsBoolean()) {
                action.run();
            }
        } catch (InterruptedException e) {
            // closed
        } catch (RuntimeException e) {
            if (!isClosed()) {
                LOG.warn("{}: {}", name, e.getMessage() == null ? e.toString() : e.getMessage());
            }
        } finally {
            ended(started, woken);
        }
    }

    private synchronized void ended(long started, boolean woken) {
        running = null;
        if (closed) {
            return;
        }
        next = woken ? started + period : next + period;
        long now = System.nanoTime();
        if (next <= now) {
            next += ((now - next) / period + 1) * period; // drop missed ticks
        }
        if (wakeUpAfterRun) {
            wakeUpAfterRun = false;
            schedule(0, true);
        } else {
            schedule(next - now, false);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        Thread run;
        synchronized (this) {
            closed = true;
            if (tick != null) {
                tick.cancel(false);
                tick = null;
            }
            run = running;
        }
        if (run != null) {
            run.interrupt();
            try {
                run.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
