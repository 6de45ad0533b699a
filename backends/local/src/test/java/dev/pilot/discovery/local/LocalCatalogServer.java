package dev.pilot.discovery.local;

import dev.pilot.testservers.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The "server" of the local backend is its directory. Stopping it parks the directory aside and
 * puts a plain file in its place, so every read and write fails as with an unreachable server;
 * starting it puts the directory back.
 */
final class LocalCatalogServer implements TestServer {

    private final Path base;
    private final Path directory;
    private final Path parked;

    LocalCatalogServer() throws IOException {
        base = Files.createTempDirectory("pilot-local-catalog");
        directory = base.resolve("catalog");
        parked = base.resolve("catalog.stopped");
        Files.createDirectories(directory);
    }

    @Override
    public String address() {
        return directory.toString();
    }

    Path directory() {
        return directory;
    }

    @Override
    public void stop() {
        try {
            Files.move(directory, parked);
            Files.writeString(directory, "stopped");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void start() {
        try {
            Files.delete(directory);
            if (Files.exists(parked)) {
                Files.move(parked, directory);
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void wipeData() {
        deleteTree(parked);
    }

    @Override
    public void close() {
        deleteTree(base);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
