package dev.pilot.bench.catalog.local;

import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code local} catalog: a fresh directory. Its "own client" is the file system: instance
 * files written whole and renamed into place, and a {@link java.nio.file.WatchService} (inotify
 * on Linux) for notifications.
 */
public final class LocalCatalog implements Catalog {

    private final Path directory;

    private LocalCatalog(Path directory) {
        this.directory = directory;
    }

    /** A catalog in a new temporary directory. */
    public static LocalCatalog create() {
        try {
            return new LocalCatalog(Files.createTempDirectory("pilot-bench-local"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a catalog directory", e);
        }
    }

    @Override
    public String backend() {
        return "local";
    }

    @Override
    public String serverVersion() {
        return "local directory (" + System.getProperty("os.name") + " " + System.getProperty("os.version") + ")";
    }

    @Override
    public Object pilotConfig() {
        return Map.of("directory", directory.toString());
    }

    @Override
    public ChangeWriter changeWriter() {
        return new InstanceFiles(directory);
    }

    @Override
    public RawWatch rawWatch(String service, ViewListener listener) {
        return new DirectoryRawWatch(new InstanceFiles(directory).serviceDirectory(service), listener);
    }

    @Override
    public HeartbeatClient rawHeartbeats() {
        return new InstanceFiles(directory);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
