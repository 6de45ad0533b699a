package dev.pilot.agent.lifecycle;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent's control thread acts on, one at a time: the signals it handles, turned into
 * requests, and the main process's exit. SIGTERM or SIGINT asks to stop once; the same signal again
 * within a second (a signal sent to the whole process group arrives twice at once) is the same
 * request, and later it asks to hurry the shutdown. SIGHUP asks to reload, SIGUSR1 to toggle
 * maintenance. Thread-safe: signals arrive on the JVM's signal thread.
 */
final class ControlEvents {

    /** Logged as the agent's own lines. */
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final Duration DUPLICATE_SIGNAL_WINDOW = Duration.ofSeconds(1);

    sealed interface Event {}

    /** Stop: SIGTERM or SIGINT. */
    record Terminate() implements Event {}

    /** Reload the configuration: SIGHUP. */
    record Reload() implements Event {}

    /** Toggle maintenance: SIGUSR1. */
    record ToggleMaintenance() implements Event {}

    /** The main process exited by itself with {@code code}. */
    record MainExited(int code) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** When the first SIGTERM/SIGINT arrived (nanoTime); a repeat within a second is the same request. */
    private volatile long stopRequestedAt;
    private final Runnable onStop;
    private final Consumer<String> hurry;

    /**
     * @param onStop run on the signal thread when a stop is first asked for, after its event is queued
     * @param hurry  run on the signal thread with the signal's name when a stop is asked for again
     */
    ControlEvents(Runnable onStop, Consumer<String> hurry) {
        this.onStop = onStop;
        this.hurry = hurry;
    }

    /** Turns the signal {@code signal} ("TERM", "HUP", ...) into its request. */
    void onSignal(String signal) {
        switch (signal) {
            case "TERM", "INT" -> {
                if (stopping.getAndSet(true)) {
                    // a signal sent to the whole process group arrives twice at once: not a second request
                    if (System.nanoTime() - stopRequestedAt > DUPLICATE_SIGNAL_WINDOW.toNanos()) {
                        hurry.accept(signal);
                    }
                    return;
                }
                stopRequestedAt = System.nanoTime();
                LOG.info("received SIG{}: stopping", signal);
                events.add(new Terminate());
                onStop.run();
            }
            case "HUP" -> events.add(new Reload());
            case "USR1" -> events.add(new ToggleMaintenance());
            default -> LOG.debug("ignoring SIG{}", signal);
        }
    }

    /** The main process exited with {@code code}. */
    void mainExited(int code) {
        events.add(new MainExited(code));
    }

    /** The next event, waiting for one. */
    Event take() throws InterruptedException {
        return events.take();
    }

    /** Whether the agent is stopping: asked to, or its main process ended. */
    boolean stopping() {
        return stopping.get();
    }

    /** The agent stops without being asked (its main process ended): later stop requests hurry it. */
    void stopped() {
        stopping.set(true);
    }
}
