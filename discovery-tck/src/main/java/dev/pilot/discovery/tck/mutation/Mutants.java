package dev.pilot.discovery.tck.mutation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The mutants the conformance suite must kill, each a wrapper around a real client with one
 * defect that breaks one {@link Promise}. {@link #anyBackend()} applies to every backend and runs
 * against the local one; {@link #forServerBackends()} runs against the backends that talk to a
 * server over TCP: the mutants that need such a server, and the poller.
 */
public final class Mutants {

    private Mutants() {}

    /** A 1 s poller instead of push. */
    public static Mutant poller() {
        return WatchMutants.poller();
    }

    /** Every mutant that needs no server. */
    public static List<Mutant> anyBackend() {
        List<Mutant> mutants = new ArrayList<>();
        mutants.addAll(HeartbeatMutants.all());
        mutants.addAll(ReadMutants.all());
        mutants.addAll(WatchMutants.all());
        mutants.addAll(LifecycleMutants.all());
        return List.copyOf(mutants);
    }

    /** The mutants that need a TCP server. */
    public static List<Mutant> needingAServer() {
        return List.of(
                WatchMutants.emptyOnOutage(),
                WatchMutants.emptyFlapOnOutage(),
                new Mutant("hangs-on-silent-server", Promise.NEVER_HANGS, "every call hangs while the server accepts and never answers",
                        "wrapper + hook: asks the server itself, without a read timeout, before each call",
                        List.of("SilentServers#everyOperationEndsWithinTheTimeoutAndCloseIsPrompt"),
                        (real, server) -> new HangingBackend(real, server.address())),
                ReadMutants.emptySetWithoutAnswer("empty-set-from-silent-server", List.of("SilentServers#everyOperationEndsWithinTheTimeoutAndCloseIsPrompt")));
    }

    /** What a server backend's mutation test runs: the mutants that need a server, and the poller. */
    public static List<Mutant> forServerBackends() {
        List<Mutant> mutants = new ArrayList<>(needingAServer());
        mutants.add(poller());
        return List.copyOf(mutants);
    }

    /**
     * The mutants that see a restart only by probing the server's port (every 10 ms): for servers
     * that run as their own process, whose restart leaves the port closed for longer than that (a
     * process ends and another starts). A server started inside the test JVM would restart faster
     * than the probe can see, so against it the mutant would survive by timing, not by a missing
     * test.
     */
    public static List<Mutant> needingAServerProcess() {
        return List.of(WatchMutants.diesOnRestart());
    }

    /** What a backend whose server runs as its own process runs: {@link #forServerBackends()} and {@link #needingAServerProcess()}. */
    public static List<Mutant> forServerProcesses() {
        List<Mutant> mutants = new ArrayList<>(forServerBackends());
        mutants.addAll(needingAServerProcess());
        return List.copyOf(mutants);
    }
}
