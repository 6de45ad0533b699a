package dev.pilot.agent.process;

import dev.pilot.agent.config.Command;
import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Starts commands the way ContainerPilot did: the executable looked up on the {@code PATH} and
 * run directly (no shell), with the agent's {@link Environment}, in a process group of its own
 * so that a timeout can kill everything the command started.
 *
 * <p>The JDK cannot set a process group, so the command runs under {@code setsid(1)}, which
 * calls {@code setsid()} and then executes it in place (same pid). Without {@code setsid} on the
 * machine, commands share the agent's group and a kill walks the process tree instead.
 *
 * <p>A virtual thread's command is started by one platform thread of this class
 * ({@code pilot-spawn}). The JDK starts a process in native code, which holds a virtual thread's
 * carrier until the child has executed its command: a few milliseconds here, three executables
 * in a row (the JDK's spawn helper, {@code setsid}, the command). The agent's virtual threads
 * share one carrier per core, so an agent whose 1 000 upstreams ran onChange at once held every
 * carrier for seconds, and its heartbeats, which run on virtual threads too, waited past their
 * timeout. Starting them on one thread of their own leaves the carriers free and builds one
 * process's arguments and environment at a time (each holds a copy of the environment, which
 * has a variable per service); the commands still run in parallel once started.
 *
 * <p>Thread-safe.
 */
public final class ProcessLauncher {

    /** Started on first use; a daemon, so it never holds the JVM's exit. */
    private static final class Spawner {
        static final ExecutorService THREAD = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("pilot-spawn").daemon().factory());
    }

    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();

    private final ChildProcesses children;
    private final Environment environment;
    private final ExecutorService spawner;

    public ProcessLauncher(ChildProcesses children, Environment environment) {
        this(children, environment, Spawner.THREAD);
    }

    /** With the executor that starts virtual threads' commands (a test's own). */
    ProcessLauncher(ChildProcesses children, Environment environment, ExecutorService spawner) {
        this.children = children;
        this.environment = environment;
        this.spawner = spawner;
    }

    /** How a process's standard streams are connected. */
    public enum Streams {
        /** The agent's own stdin, stdout and stderr: the main process and the hooks. */
        INHERIT,
        /** Stdin from /dev/null; stdout and stderr merged into one pipe the caller reads. */
        PIPED,
        /** Stdin from /dev/null; stdout and stderr in two pipes the caller reads. */
        SEPARATE
    }

    /**
     * Starts {@code command}; from a virtual thread, on the spawning thread. An interrupt that
     * comes before the command started throws {@link InterruptedIOException}; one that comes
     * after is kept for the caller's next wait, which then ends the command.
     *
     * @throws IOException when the executable cannot be found or started
     */
    public Process start(Command command, Streams streams) throws IOException {
        if (!Thread.currentThread().isVirtual()) {
            return startHere(command, streams);
        }
        AtomicBoolean claimed = new AtomicBoolean(); // by the start, or by an interrupt that comes first
        Future<Process> started = spawner.submit(() -> claimed.compareAndSet(false, true) ? startHere(command, streams) : null);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return started.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    if (claimed.compareAndSet(false, true)) {
                        started.cancel(false);
                        throw new InterruptedIOException("interrupted before " + command.executable() + " started");
                    }
                    // under way: wait for it, so the caller holds the process it must end
                }
            }
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException failure -> throw failure;
                case RuntimeException failure -> throw failure;
                case Error failure -> throw failure;
                default -> throw new IOException(e.getCause());
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Process startHere(Command command, Streams streams) throws IOException {
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add);
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv);
        Map<String, String> variables = environment.snapshot();
        builder.environment().clear();
        builder.environment().putAll(variables);
        if (streams == Streams.INHERIT) {
            builder.inheritIO();
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.redirectErrorStream(streams == Streams.PIPED);
        }
        if (SETSID.isPresent() && !onPath(command.executable(), variables)) {
            // setsid would report this itself, exiting 127 after the JDK reported a start
            throw new IOException("Cannot run program \"" + command.executable() + "\": not found");
        }
        return children.start(builder);
    }

    /** Whether the process runs in its own process group (and {@link #killTree} kills that group). */
    public static boolean ownProcessGroups() {
        return SETSID.isPresent();
    }

    /** SIGKILLs {@code process} and everything it started. */
    public static void killTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (SETSID.isPresent() && process.isAlive()) {
            Posix.kill(-process.pid(), Posix.SIGKILL);
        }
        process.destroyForcibly();
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private static boolean onPath(String executable, Map<String, String> variables) {
        if (executable.contains("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = variables.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
