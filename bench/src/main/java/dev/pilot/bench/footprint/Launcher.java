package dev.pilot.bench.footprint;

import java.util.List;

/**
 * How an agent is started for the footprint: the command before {@code -config …}.
 *
 * @param kind        {@code tarball} (the self-contained agent's {@code bin/pilot}), {@code jvm}
 *                    (the agent's jar on the running JDK with its launcher's flags) or
 *                    {@code containerpilot} (the Go binary, the reference) or {@code runtime} (the
 *                    tarball's runtime and flags running no agent: the floor)
 * @param description what the command is, for the table
 * @param command     the command
 * @param archiveMb   the size of what is shipped (the tarball, the binary); 0 when not counted
 */
record Launcher(String kind, String description, List<String> command, double archiveMb, double oneBackendArchiveMb) {

    static final String TARBALL = "tarball";
    static final String JVM = "jvm";
    static final String CONTAINERPILOT = "containerpilot";
    static final String RUNTIME = "runtime";

    Launcher {
        command = List.copyOf(command);
    }

    String rowName(String backend) {
        return switch (kind) {
            case TARBALL -> "tarball, " + backend;
            case JVM -> "JVM, " + backend;
            case RUNTIME -> "tarball's runtime alone";
            default -> FootprintSection.REFERENCE + ", " + backend;
        };
    }
}
