package dev.pilot.bench.footprint;

/**
 * A JVM that only waits {@code args[0]} seconds: run on the tarball's runtime with its flags, it
 * is the floor of the agent's footprint, what the runtime costs before any of the agent's classes
 * ({@link LauncherFootprint}).
 */
public final class IdleJvm {

    private IdleJvm() {}

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(Long.parseLong(args[0]) * 1000);
    }
}
