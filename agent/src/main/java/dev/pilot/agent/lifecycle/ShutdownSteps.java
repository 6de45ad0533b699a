package dev.pilot.agent.lifecycle;

import java.util.ArrayList;
import java.util.List;
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
