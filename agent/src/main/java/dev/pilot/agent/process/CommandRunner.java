package dev.pilot.agent.process;

import dev.pilot.agent.config.Command;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a short command to completion (a health check, an onChange, a task, a sensor), its output
 * logged line by line at INFO with the field {@code process=<name>}, as ContainerPilot did.
 *
 * <p>A run that outlives its timeout is logged ({@code <name> timeout after <t>: '<command>'}) and
 * killed with its whole process group. A thread interrupted while it waits kills the command too,
 * so stopping a poller never leaves a check running.
 *
 * <p>Thread-safe; call from a virtual thread, as it blocks.
 */
public final class CommandRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final Logger OUTPUT = LoggerFactory.getLogger("dev.pilot.agent.output");

    /** The exit code when the command could not be started, as a shell reports it. */
    public static final int NOT_STARTED = 127;

    private final ProcessLauncher launcher;

    public CommandRunner(ProcessLauncher launcher) {
        this.launcher = launcher;
    }

    /**
     * How a run ended.
     *
     * @param exitCode the exit code; 128 + n when killed by signal n; {@link #NOT_STARTED}
     * @param timedOut whether it was killed for running too long
     */
    public record Outcome(int exitCode, boolean timedOut) {
        public boolean succeeded() {
            return exitCode == 0 && !timedOut;
        }
    }

    /**
     * How a run that captured its standard output ended.
     *
     * @param outcome how it ended
     * @param stdout  what it printed on stdout (stderr is logged)
     */
    public record Captured(Outcome outcome, String stdout) {}

    /**
     * Starts a long-running command (a coprocess) whose output is logged as it comes.
     *
     * @throws IOException when it cannot be started
     */
    public Process startLogged(String name, Command command) throws IOException {
        Process process = launcher.start(command, ProcessLauncher.Streams.PIPED);
        Thread.ofVirtual().name("output-" + name).start(() -> logLines(name, process.getInputStream()));
        return process;
    }

    /**
     * Runs {@code command}, keeping its stdout (a sensor's value); stderr is logged.
     *
     * @throws InterruptedException when interrupted; the command has been killed
     */
    public Captured capture(String name, Command command, Duration timeout) throws InterruptedException {
        Process process;
        try {
            process = launcher.start(command, ProcessLauncher.Streams.SEPARATE);
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            LOG.warn("{}: could not run '{}': {}", name, command, e.getMessage());
            return new Captured(new Outcome(NOT_STARTED, false), "");
        }
        Thread errors = Thread.ofVirtual().name("output-" + name).start(() -> logLines(name, process.getErrorStream()));
        StringBuilder stdout = new StringBuilder();
        Thread reader = Thread.ofVirtual().name("stdout-" + name).start(() -> {
            try {
                String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                synchronized (stdout) {
                    stdout.append(text);
                }
            } catch (IOException e) {
                // killed
            }
        });
        Outcome outcome = await(name, command, timeout, process, errors);
        reader.join(Duration.ofMillis(200));
        synchronized (stdout) {
            return new Captured(outcome, stdout.toString());
        }
    }

    /**
     * Runs {@code command} and waits for it.
     *
     * @param name    names the command in log lines, e.g. {@code web.health}
     * @param timeout the time limit; zero for none
     * @throws InterruptedException when interrupted; the command has been killed
     */
    public Outcome run(String name, Command command, Duration timeout) throws InterruptedException {
        Process process;
        try {
            process = launcher.start(command, ProcessLauncher.Streams.PIPED);
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            LOG.warn("{}: could not run '{}': {}", name, command, e.getMessage());
            return new Outcome(NOT_STARTED, false);
        }
        Thread pump = Thread.ofVirtual().name("output-" + name).start(() -> logLines(name, process.getInputStream()));
        return await(name, command, timeout, process, pump);
    }

    private Outcome await(String name, Command command, Duration timeout, Process process, Thread pump)
            throws InterruptedException {
        try {
            boolean finished = timeout.isZero() ? waitFor(process) : process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!finished) {
                LOG.warn("{} timeout after {}: '{}'", name, format(timeout), command);
                ProcessLauncher.killTree(process);
                int code = process.waitFor();
                pump.join(Duration.ofMillis(200));
                return new Outcome(code, true);
            }
            // Let the last lines reach the log before the caller logs the result; a background
            // grandchild may hold the pipe open, so do not wait long.
            pump.join(Duration.ofMillis(200));
            return new Outcome(process.exitValue(), false);
        } catch (InterruptedException e) {
            ProcessLauncher.killTree(process);
            throw e;
        }
    }

    private static boolean waitFor(Process process) throws InterruptedException {
        process.waitFor();
        return true;
    }

    /** Logs each line of {@code output} until the process closes it. */
    private static void logLines(String name, java.io.InputStream output) {
        MDC.put("process", name);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(output, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                OUTPUT.info(line);
            }
        } catch (IOException e) {
            // the stream closed under us: the process is gone
        } finally {
            MDC.remove("process");
        }
    }

    /** A duration as ContainerPilot's logs wrote it: {@code 1.5s}, {@code 100ms}. */
    public static String format(Duration duration) {
        if (duration.toMillis() < 1000) {
            return duration.toMillis() + "ms";
        }
        java.math.BigDecimal seconds = java.math.BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros();
        return seconds.toPlainString() + "s";
    }

    /** An interrupt that came before the command started, as the caller's waits report one. */
    private static InterruptedException interrupted(InterruptedIOException e) {
        Thread.interrupted(); // the launcher kept the flag; the exception takes its place
        InterruptedException interrupted = new InterruptedException(e.getMessage());
        interrupted.initCause(e);
        return interrupted;
    }

}
