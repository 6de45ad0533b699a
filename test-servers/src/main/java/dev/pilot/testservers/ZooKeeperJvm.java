package dev.pilot.testservers;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The command line of one ZooKeeper server process: the Java that runs these tests, the server's
 * class path as Maven resolved it, a small heap, and {@code QuorumPeerMain} with a config file.
 *
 * <p><b>Class path.</b> This module's build writes the paths of the ZooKeeper server jar and its
 * dependencies (metrics-core and snappy-java, which ZooKeeper's POM leaves to the server's
 * packaging, and an SLF4J binding for the log) into the resource {@value #CLASS_PATH_RESOURCE};
 * the system property {@value #CLASS_PATH_PROPERTY} overrides it (a user running the launchers
 * from another build).
 *
 * <p><b>Start time.</b> Every ZooKeeper test class starts a server, so the JVM is kept lean:
 * serial GC, no perf-data file, and a class-data-sharing archive that the first server creates
 * when it exits and later servers map (about half the start time on a busy machine). The archive
 * lives in the temporary folder, named after the Java and class path it belongs to; each server of
 * an ensemble has its own, so no two JVMs write one at once. A missing or stale archive only costs
 * time: the JVM then runs without it and writes a new one.
 */
final class ZooKeeperJvm {

    static final String CLASS_PATH_RESOURCE = "zookeeper-server.classpath";
    static final String CLASS_PATH_PROPERTY = "pilot.zookeeper.classpath";
    static final String MAIN_CLASS = "org.apache.zookeeper.server.quorum.QuorumPeerMain";
    /** {@code -XX:+AutoCreateSharedArchive} exists since Java 19. */
    private static final int AUTO_ARCHIVE_SINCE = 19;

    private ZooKeeperJvm() {}

    /**
     * The command that runs a server from {@code configFile}.
     *
     * @param archiveName what tells this server's class-data archive from the others' (e.g.
     *                    {@code "standalone"}, {@code "ensemble-1"})
     */
    static List<String> command(Path configFile, ZooKeeperOptions options, String archiveName) {
        String classPath = classPath();
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-Xmx" + options.maxHeap());
        command.add("-XX:+UseSerialGC");
        command.add("-XX:-UsePerfData");
        if (Runtime.version().feature() >= AUTO_ARCHIVE_SINCE) {
            command.add("-XX:+AutoCreateSharedArchive");
            command.add("-XX:SharedArchiveFile=" + archive(classPath, archiveName));
        }
        // Sorted, so the same options give the same command.
        new TreeMap<>(options.systemProperties()).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.add(configFile.toString());
        return command;
    }

    /** The java launcher of the running JVM: the servers run on the Java that runs the tests. */
    static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The server's class path: {@value #CLASS_PATH_PROPERTY} when set, else the resource the build
     * wrote.
     *
     * @throws IllegalStateException when neither exists, or an entry is missing (a class path
     *         written by another machine's build)
     */
    static String classPath() {
        String explicit = System.getProperty(CLASS_PATH_PROPERTY);
        String classPath = explicit != null && !explicit.isBlank() ? explicit.strip() : fromResource();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new IllegalStateException("the ZooKeeper server's class path names " + entry
                        + ", which does not exist: rebuild this module (mvn install) or set -D" + CLASS_PATH_PROPERTY);
            }
        }
        return classPath;
    }

    private static String fromResource() {
        try (InputStream in = ZooKeeperJvm.class.getResourceAsStream(CLASS_PATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + CLASS_PATH_RESOURCE + " beside " + ZooKeeperJvm.class.getName()
                        + ": build this module with Maven, which writes it, or set -D" + CLASS_PATH_PROPERTY);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + CLASS_PATH_RESOURCE, e);
        }
    }

    /**
     * One archive per Java, class path and working directory: Maven modules built at once (-T) run
     * in their own directories, so no two test JVMs write the same archive while another maps it.
     */
    private static Path archive(String classPath, String archiveName) {
        String owner = Integer.toHexString((javaBinary() + Runtime.version() + classPath + System.getProperty("user.dir")).hashCode());
        Path folder = ServerFiles.ensureDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pilot-zookeeper-cds"));
        return folder.resolve(owner + "-" + archiveName + ".jsa");
    }
}
