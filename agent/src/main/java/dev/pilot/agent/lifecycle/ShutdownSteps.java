package dev.pilot.agent.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of a shutdown, each run whatever the one before threw: a step that fails is logged
 * and remembered, and the next one runs. {@link #report} says afterwards which failed. Used by
 * the agent's control thread only.
 */
final class ShutdownSteps {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSteps.class);

    /** One step; may be interrupted. */
    @FunctionalInterface
    interface Step {
        void run() throws InterruptedException;
    }

    private final List<String> failed = new ArrayList<>();

    /** Runs {@code step}; an exception it throws is logged and counted, never passed on. */
    void run(String name, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failed.add(name + " (interrupted)");
        } catch (RuntimeException | LinkageError e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            LOG.error("shutdown: {} failed: {}", name, message);
            failed.add(name);
        }
    }

    /**
     * Runs {@code steps} at once, each on a virtual thread of its own, and returns once every one
     * has ended; their failures are counted as {@link #run}'s, in the order given. For steps that
     * wait on the catalog: with a catalog that does not answer each waits out its own timeout, and
     * one after another an agent's 1 000 deregistrations took 1 000 timeouts (over an hour).
     * Interrupted, it interrupts every step and still waits for them to end.
     */
    void runTogether(List<Map.Entry<String, Step>> steps) {
        List<ShutdownSteps> outcomes = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (Map.Entry<String, Step> step : steps) {
            ShutdownSteps outcome = new ShutdownSteps();
            outcomes.add(outcome);
            threads.add(Thread.ofVirtual().name("shutdown-" + step.getKey())
                    .start(() -> outcome.run(step.getKey(), step.getValue())));
        }
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    threads.forEach(Thread::interrupt);
                }
            }
        }
        outcomes.forEach(outcome -> failed.addAll(outcome.failed));
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The steps that failed, in order. */
    List<String> failed() {
        return List.copyOf(failed);
    }

    /** Logs the failed steps, if any, in one line; whether all succeeded. */
    boolean report() {
        if (failed.isEmpty()) {
            return true;
        }
        LOG.error("shutdown ran every step; {} failed: {}", failed.size(), String.join(", ", failed));
        return false;
    }
}
