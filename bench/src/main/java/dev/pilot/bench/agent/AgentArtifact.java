package dev.pilot.bench.agent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The agent's runnable jar, built by {@code mvn package} of the {@code agent} module as
 * {@code agent/target/pilot.jar}, or named by the system property {@code pilot.agent.jar}.
 */
public final class AgentArtifact {

    public static final String PROPERTY = "pilot.agent.jar";
    /** The note of a row that needs the agent when its jar is not there. */
    public static final String NOT_AVAILABLE = "not measured: agent not available (no runnable agent/target/pilot.jar)";

    private AgentArtifact() {}

    /** The jar, when it exists. */
    public static Optional<Path> find() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            Path jar = Path.of(property);
            return Files.isRegularFile(jar) ? Optional.of(jar.toAbsolutePath()) : Optional.empty();
        }
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path jar = directory.resolve("agent/target/pilot.jar");
            if (Files.isRegularFile(jar)) {
                return Optional.of(jar);
            }
            if (Files.isDirectory(directory.resolve("bench")) && Files.isRegularFile(directory.resolve("pom.xml"))) {
                return Optional.empty(); // the repository root, without the agent's jar
            }
        }
        return Optional.empty();
    }
}
