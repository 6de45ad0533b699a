package dev.pilot.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts and stops the JVMs the benchmarks measure from outside (scale workloads, the agent). */
public final class JavaProcess {

    private JavaProcess() {}

    /** The {@code java} of the running JDK. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code java <flags> -cp <this class path> <mainClass> <args>}, output to {@code log} (stdout) and stderr inherited. */
    public static Process startClass(List<String> flags, Class<?> mainClass, List<String> args, Path stdout) {
        List<String> command = new ArrayList<>();
        command.add(java().toString());
        command.addAll(flags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        command.addAll(args);
        return start(command, stdout);
    }

    public static Process start(List<String> command, Path stdout) {
        try {
            return new ProcessBuilder(command)
                    .redirectOutput(stdout.toFile())
                    .redirectError(new File(stdout + ".err"))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command.getFirst(), e);
        }
    }

    /** Waits up to {@code deadline} for {@code process} to exit; then kills it. Returns whether it exited by itself. */
    public static boolean awaitExit(Process process, Duration deadline) {
        try {
            if (process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        awaitExit(process, grace);
    }
}
