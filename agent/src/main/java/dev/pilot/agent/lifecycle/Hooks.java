package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.Command;
import dev.pilot.agent.process.CommandRunner;
import dev.pilot.agent.process.Environment;
import dev.pilot.agent.process.ProcessLauncher;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the lifecycle hooks ({@code preStart}, {@code preStop}, {@code postStop}) one at a time
 * with the agent's own stdin, stdout and stderr, and remembers the one running so that a signal
 * can stop it. Each sets {@code CONTAINERPILOT_<HOOK>_PID} once started, for later processes.
 */
final class Hooks {

    private static final Logger LOG = LoggerFactory.getLogger(Hooks.class);

    private final ProcessLauncher launcher;
    private final Environment environment;
    private volatile Process running;

    Hooks(ProcessLauncher launcher, Environment environment) {
        this.launcher = launcher;
        this.environment = environment;
    }

    /**
     * Runs {@code command} to completion.
     *
     * @param name        e.g. {@code preStart}, for log lines; upper-cased in its pid variable
     * @return its exit code; {@link CommandRunner#NOT_STARTED} when it could not be started
     */
    int run(String name, Command command) throws InterruptedException {
        Process process;
        try {
            process = launcher.start(command, ProcessLauncher.Streams.INHERIT);
        } catch (IOException e) {
            LOG.error("{}: could not run '{}': {}", name, command, e.getMessage());
            return CommandRunner.NOT_STARTED;
        }
        environment.set(Environment.variableName(name, "PID"), String.valueOf(process.pid()));
        running = process;
        try {
            return process.waitFor();
        } finally {
            running = null;
        }
    }

    /** Runs {@code command}; a failure is logged, not returned. */
    void runLoggingFailure(String name, Command command) {
        try {
            int code = run(name, command);
            if (code != 0) {
                LOG.warn("{} '{}' exited with {}", name, command, code);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERMs the running hook, if any. */
    void terminateRunning() {
        Process hook = running;
        if (hook != null) {
            hook.destroy();
        }
    }

    /** SIGKILLs the running hook and what it started, if any. */
    void killRunning() {
        Process hook = running;
        if (hook != null) {
            ProcessLauncher.killTree(hook);
        }
    }
}
