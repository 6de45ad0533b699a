package dev.pilot.testservers;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * One running server process (Consul, etcd, a ZooKeeper JVM): started with its output appended to a log file,
 * awaited until a readiness probe passes, stopped by PID with SIGTERM and then SIGKILL after a
 * deadline, frozen and thawed with SIGSTOP and SIGCONT. Registered with {@link JvmExitCleanup}
 * from start until it exits, so it never outlives the test JVM. Thread-safe.
 */
final class ServerProcess {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} with standard output and error appended to {@code log}; does not
     * wait for anything.
     *
     * @param name what error messages call this server, e.g. {@code "etcd n2"}
     * @throws IllegalStateException when the binary cannot be started
     */
    static ServerProcess launch(String name, List<String> command, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                .redirectErrorStream(true)
                .redirectOutput(Redirect.appendTo(log.toFile()));
        try {
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            JvmExitCleanup.registerProcess(handle);
            process.onExit().thenRun(() -> JvmExitCleanup.unregisterProcess(handle));
            return new ServerProcess(name, process, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Waits until {@code probe} returns true; a probe that throws counts as not ready yet.
     *
     * @throws IllegalStateException when the process exits first or {@code deadline} passes;
     *         the message holds the last lines of the log. The process is killed then.
     */
    void awaitReady(Callable<Boolean> probe, Duration deadline) {
        try {
            await(name + " ready")
                    .atMost(deadline)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(POLL_INTERVAL)
                    .ignoreExceptions()
                    .failFast(name + " exited", () -> !process.isAlive())
                    .until(probe);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            String why = process.isAlive()
                    ? "was not ready within " + deadline.toMillis() + " ms"
                    : "exited with code " + process.exitValue() + " before it was ready";
            kill();
            throw new IllegalStateException(name + " " + why + "; last lines of " + log + ":"
                    + System.lineSeparator() + ServerFiles.tail(log), e);
        }
    }

    /** The process id. */
    long pid() {
        return process.pid();
    }

    /** Whether the process still runs. */
    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends SIGTERM; {@link #awaitExit} then waits. Does nothing when it already exited. */
    void terminate() {
        process.destroy();
    }

    /**
     * Waits until the process exits, at most {@code deadline}, then SIGKILLs it and waits for
     * that. Returns once the process is gone and so its ports are closed.
     */
    void awaitExit(Duration deadline) {
        if (!waitFor(deadline)) {
            kill();
        }
    }

    /** SIGTERM, then SIGKILL after {@code deadline}; returns once the process is gone. */
    void stop(Duration deadline) {
        terminate();
        awaitExit(deadline);
    }

    /** SIGKILL at once, as a crash would; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        if (!waitFor(KILL_WAIT)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") survived SIGKILL for " + KILL_WAIT.toSeconds() + " s");
        }
    }

    /**
     * SIGSTOP: the process no longer runs but keeps its sockets open, as a hung server would;
     * connections are accepted by the kernel and never answered. {@link #thaw} undoes it.
     */
    void freeze() {
        signal("STOP");
    }

    /** SIGCONT: a frozen process runs again. */
    void thaw() {
        signal("CONT");
    }

    /**
     * Stops several processes at once: SIGTERM to all, then one shared {@code deadline} for
     * all of them to exit, then SIGKILL to the rest. A cluster's last members can take long
     * to leave on their own, so the deadline matters.
     */
    static void stopAll(List<ServerProcess> processes, Duration deadline) {
        processes.forEach(ServerProcess::terminate);
        long end = System.nanoTime() + deadline.toNanos();
        for (ServerProcess process : processes) {
            process.awaitExit(Duration.ofNanos(Math.max(0, end - System.nanoTime())));
        }
    }

    /** The JDK sends only SIGTERM and SIGKILL, so other signals go through the {@code kill} command. */
    private void signal(String signal) {
        List<String> command = List.of("kill", "-" + signal, Long.toString(process.pid()));
        try {
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                throw new IllegalStateException(String.join(" ", command) + " (to " + name + ") exited with " + code);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot send SIG" + signal + " to " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending SIG" + signal + " to " + name, e);
        }
    }

    private boolean waitFor(Duration deadline) {
        try {
            return process.waitFor(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
