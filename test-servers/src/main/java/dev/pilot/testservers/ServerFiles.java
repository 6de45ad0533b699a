package dev.pilot.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The files of a test server: its temporary directory, its data, its log. */
final class ServerFiles {

    private static final int LOG_TAIL_LINES = 40;

    private ServerFiles() {}

    /**
     * Creates a fresh temporary directory named after the server, deleted when the JVM exits
     * unless the launcher deleted it first.
     */
    static Path createDirectory(String serverName) {
        try {
            Path directory = Files.createTempDirectory("pilot-" + serverName + "-");
            JvmExitCleanup.registerDirectory(directory);
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for " + serverName, e);
        }
    }

    /** Creates {@code directory} and its parents if missing, and returns it. */
    static Path ensureDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    /** Writes {@code text} to {@code file} as UTF-8, replacing it. */
    static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Deletes {@code directory} and everything in it; a missing directory is fine. */
    static void deleteRecursively(Path directory) {
        deleteContents(directory);
        try {
            Files.deleteIfExists(directory);
            JvmExitCleanup.unregisterDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }

    /** Deletes everything inside {@code directory} but keeps the directory itself. */
    static void deleteContents(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.deleteIfExists(path);
                }
            }
        } catch (NoSuchFileException e) {
            // deleted concurrently: the goal is met
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the contents of " + directory, e);
        }
    }

    /** The last lines of a server's log, for an error message; a note when it cannot be read. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return last.isEmpty() ? "(the log " + log + " is empty)" : String.join(System.lineSeparator(), last);
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read the log " + log + ": " + e + ")";
        }
    }
}
