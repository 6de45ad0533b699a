package dev.pilot.agent.lifecycle;

import dev.pilot.agent.config.Command;
import dev.pilot.agent.process.ProcessLauncher;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's main process: the arguments after the agent's flags, with the agent's stdin,
 * stdout and stderr. Its exit code becomes the agent's.
 */
final class MainProcess {

    private static final Logger LOG = LoggerFactory.getLogger(MainProcess.class);

    private final Command command;
    private final Process process;

    private MainProcess(Command command, Process process) {
        this.command = command;
        this.process = process;
    }

    static MainProcess start(Command command, ProcessLauncher launcher) throws IOException {
        Process process = launcher.start(command, ProcessLauncher.Streams.INHERIT);
        LOG.debug("started main process '{}' as pid {}", command, process.pid());
        return new MainProcess(command, process);
    }

    long pid() {
        return process.pid();
    }

    /** Completes with the exit code (128 + n when killed by signal n). */
    CompletableFuture<Integer> exit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    /**
     * Stops the process: SIGTERM, then SIGKILL (with everything it started) if it is still
     * running after {@code stopTimeout}; zero kills at once.
     */
    int stop(Duration stopTimeout) throws InterruptedException {
        if (process.isAlive()) {
            if (stopTimeout.isZero()) {
                ProcessLauncher.killTree(process);
            } else {
                process.destroy();
                if (!process.waitFor(stopTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                    LOG.warn("main process '{}' still running {} after SIGTERM: killing it", command,
                            dev.pilot.agent.process.CommandRunner.format(stopTimeout));
                    ProcessLauncher.killTree(process);
                }
            }
        }
        return process.waitFor();
    }

    /** SIGKILLs the process and its descendants now. */
    void kill() {
        ProcessLauncher.killTree(process);
    }

    @Override
    public String toString() {
        return "'" + command + "' (pid " + process.pid() + ")";
    }
}
