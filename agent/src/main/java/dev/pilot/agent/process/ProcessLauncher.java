package dev.pilot.agent.process;

import dev.pilot.agent.config.Command;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>Thread-safe.
 */
public final class ProcessLauncher {

    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();

    private final ChildProcesses children;
    private final Environment environment;

    public ProcessLauncher(ChildProcesses children, Environment environment) {
        this.children = children;
        this.environment = environment;
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
     * @throws IOException when the executable cannot be found or started
     */
    public Process start(Command command, Streams streams) throws IOException {
        List<String> argv = new ArrayList<>();
        SETSID.ifPresent(argv::add);
        argv.addAll(command.argv());
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().clear();
        builder.environment().putAll(environment.snapshot());
        if (streams == Streams.INHERIT) {
            builder.inheritIO();
        } else {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.redirectErrorStream(streams == Streams.PIPED);
        }
        if (SETSID.isPresent() && !onPath(command.executable())) {
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

    private boolean onPath(String executable) {
        if (executable.contains("/")) {
            return Files.isExecutable(Path.of(executable));
        }
        String path = environment.snapshot().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, executable))) {
                return true;
            }
        }
        return false;
    }
}
