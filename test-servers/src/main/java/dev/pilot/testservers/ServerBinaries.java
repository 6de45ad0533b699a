package dev.pilot.testservers;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the server binaries that the launchers run, and decides what a missing one means.
 *
 * <p>For a binary {@code name} with environment variable {@code VAR} ({@code CONSUL_BIN},
 * {@code ETCD_BIN}, {@code ETCDCTL_BIN}) the first match wins:
 * <ol>
 *   <li>{@code VAR}, when set: it must name an executable file, else this fails at once (the
 *       user asked for that binary);</li>
 *   <li>{@code <pilot.servers.dir>/bin/<name>}, where the system property {@code pilot.servers.dir}
 *       is what the build passes: the folder {@code scripts/fetch-test-servers} fills;</li>
 *   <li>{@code <name>} on the {@code PATH}.</li>
 * </ol>
 * When none matches, a test needing it is <em>skipped</em>: a {@link MissingServerException} with a
 * hint to run {@code scripts/fetch-test-servers}, also printed to standard error because Maven's summary
 * does not show why a class was skipped — except under CI ({@code CI} set to {@code true}, {@code 1}
 * or {@code yes}, in any case), where it fails with the
 * same hint, so CI never passes by skipping. Thread-safe.
 */
public final class ServerBinaries {

    /** The system property naming the folder that {@code scripts/fetch-test-servers} fills. */
    public static final String SERVERS_DIR_PROPERTY = "pilot.servers.dir";

    private static final ServerBinaries SYSTEM =
            new ServerBinaries(System.getenv(), System.getProperty(SERVERS_DIR_PROPERTY), System.err);

    private final Map<String, String> environment;
    private final String serversDir;
    private final PrintStream warnings;

    /**
     * @param environment the environment variables to read ({@code CI}, {@code PATH}, {@code *_BIN})
     * @param serversDir  the value of {@value #SERVERS_DIR_PROPERTY}, or null when unset
     * @param warnings    where to say that tests are skipped
     */
    ServerBinaries(Map<String, String> environment, String serversDir, PrintStream warnings) {
        this.environment = Map.copyOf(environment);
        this.serversDir = serversDir == null || serversDir.isBlank() ? null : serversDir;
        this.warnings = warnings;
    }

    /** The Consul binary; see the class comment for where it is looked for. */
    public static Path consul() {
        return SYSTEM.require("consul", "CONSUL_BIN");
    }

    /** The etcd server binary; see the class comment for where it is looked for. */
    public static Path etcd() {
        return SYSTEM.require("etcd", "ETCD_BIN");
    }

    /** The etcd command-line client (for tests that set up users and roles); see the class comment. */
    public static Path etcdctl() {
        return SYSTEM.require("etcdctl", "ETCDCTL_BIN");
    }

    /**
     * The binary {@code name}, or, when it is nowhere: a skipped test outside CI, a failure
     * under {@code CI=true}.
     *
     * @throws IllegalStateException when {@code envVar} names no executable file, or under CI
     *         when the binary is missing
     * @throws MissingServerException outside CI when the binary is missing
     */
    Path require(String name, String envVar) {
        return find(name, envVar).orElseGet(() -> missing(name, envVar));
    }

    /** The binary {@code name} if it is anywhere this class looks, without deciding anything. */
    Optional<Path> find(String name, String envVar) {
        String explicit = environment.get(envVar);
        if (explicit != null && !explicit.isBlank()) {
            Path binary = Path.of(explicit);
            if (!Files.isRegularFile(binary) || !Files.isExecutable(binary)) {
                throw new IllegalStateException(envVar + "=" + explicit + " is not an executable file");
            }
            return Optional.of(binary);
        }
        Stream<Path> fetched = Stream.ofNullable(serversDir).map(dir -> Path.of(dir, "bin", name));
        Stream<Path> onPath = Stream.of(environment.getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name));
        return Stream.concat(fetched, onPath)
                .filter(path -> Files.isRegularFile(path) && Files.isExecutable(path))
                .findFirst();
    }

    /**
     * Whether the value of {@code CI} means "running in CI": {@code true}, {@code 1} or {@code yes},
     * in any case, as CI services set it.
     */
    static boolean isCi(String value) {
        return value != null && Set.of("true", "1", "yes").contains(value.strip().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether this process runs in CI ({@code CI} set as {@link #isCi(String)} reads it), where a
     * test that cannot get what it needs fails instead of skipping.
     */
    public static boolean runningInCi() {
        return isCi(System.getenv("CI"));
    }

    /** The one place that decides between skipping and failing when a server binary is missing. */
    private Path missing(String name, String envVar) {
        String where = serversDir == null ? "" : " (it puts the binaries in " + Path.of(serversDir, "bin") + ")";
        String hint = "no " + name + " binary: run scripts/fetch-test-servers" + where
                + ", or set " + envVar + " to the path of a " + name + " binary, or put one on the PATH";
        String ci = environment.get("CI");
        if (isCi(ci)) {
            throw new IllegalStateException(hint + " (CI=" + ci + ": a missing server fails the build instead of skipping tests)");
        }
        // An assumption that fails in @BeforeAll shows in Maven's summary only as "Tests run: 0",
        // with no reason; say it where a developer looks.
        warnings.println("[pilot] skipping tests that need " + name + ": " + hint);
        throw new MissingServerException(hint);
    }
}
