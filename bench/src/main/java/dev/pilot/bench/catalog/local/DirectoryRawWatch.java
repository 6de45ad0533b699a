package dev.pilot.bench.catalog.local;

import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashSet;
import java.util.Set;

/**
 * The file system's own notification: a {@link WatchService} on one service directory; after
 * each batch of events the directory's instance files are listed.
 */
final class DirectoryRawWatch implements RawWatch {

    private final Path directory;
    private final ViewListener listener;
    private final WatchService events;
    private final Thread thread;

    DirectoryRawWatch(Path directory, ViewListener listener) {
        this.directory = directory;
        this.listener = listener;
        try {
            Files.createDirectories(directory);
            this.events = directory.getFileSystem().newWatchService();
            directory.register(events, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                    StandardWatchEventKinds.ENTRY_MODIFY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + directory, e);
        }
        listener.onView(System.nanoTime(), list());
        this.thread = Thread.ofPlatform().daemon().name("bench-raw-watch-local").start(this::run);
    }

    private void run() {
        try {
            while (true) {
                WatchKey key = events.take();
                long arrival = System.nanoTime();
                key.pollEvents();
                key.reset();
                listener.onView(arrival, list());
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private Set<String> list() {
        Set<String> ids = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "[!.]*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                ids.add(name.substring(0, name.length() - ".json".length()));
            }
        } catch (IOException e) {
            // a listing that failed is no view; the next event lists again
        }
        return ids;
    }

    @Override
    public void close() {
        try {
            events.close();
        } catch (IOException e) {
            // closing anyway
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
