package dev.pilot.discovery.local;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.Upstream;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the healthy sets of watched upstreams: one thread waits on a {@link WatchService} for
 * changes to the catalog's directories and re-reads the watched sets on each event, when the
 * earliest instance expires, and at the rescan interval in case the file system dropped events
 * (or the directory was deleted and made anew). A read that fails publishes nothing, so an
 * outage keeps the last sets.
 */
final class DirectoryWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryWatcher.class);

    private final CatalogDirectory catalog;
    private final Duration rescanInterval;
    private final Map<Upstream, Consumer<List<Instance>>> watched = new ConcurrentHashMap<>();
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Object refreshLock = new Object();
    private final WatchService events;
    private final Thread thread;
    private volatile long nextExpiry = Long.MAX_VALUE;
    private volatile boolean closed;

    DirectoryWatcher(CatalogDirectory catalog, Duration rescanInterval) {
        this.catalog = catalog;
        this.rescanInterval = rescanInterval;
        try {
            this.events = catalog.root().getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + catalog.root(), e);
        }
        this.thread = Thread.ofPlatform().daemon().name("pilot-local-watch").start(this::run);
    }

    /** Starts pushing the sets of {@code upstream} to {@code sink}; pushes the current set before returning. */
    void add(Upstream upstream, Consumer<List<Instance>> sink) {
        watched.put(upstream, sink);
        synchronized (refreshLock) {
            registerDirectories();
            refresh(upstream, sink);
        }
    }

    void remove(Upstream upstream) {
        watched.remove(upstream);
    }

    @Override
    public void close() {
        closed = true;
        try {
            events.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service failed", e);
        }
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            try {
                long wait = Math.min(rescanInterval.toMillis(), Math.max(1, nextExpiry - System.currentTimeMillis()));
                WatchKey key = events.poll(wait, TimeUnit.MILLISECONDS);
                drain(key);
                synchronized (refreshLock) {
                    registerDirectories();
                    nextExpiry = Long.MAX_VALUE;
                    watched.forEach(this::refresh);
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Watching {} failed; retrying at the next rescan", catalog.root(), e);
            }
        }
    }

    /** Takes every pending event: one re-read covers them all. */
    private void drain(WatchKey key) {
        while (key != null) {
            key.pollEvents();
            key.reset();
            key = events.poll();
        }
    }

    private void refresh(Upstream upstream, Consumer<List<Instance>> sink) {
        try {
            CatalogDirectory.Snapshot snapshot = catalog.read(upstream);
            nextExpiry = Math.min(nextExpiry, snapshot.nextExpiry());
            sink.accept(snapshot.healthy());
        } catch (IOException e) {
            LOG.debug("Cannot read {} from {}; keeping its last set", upstream, catalog.root(), e);
        }
    }

    /** Watches the root and each watched service directory, again after one was deleted. */
    private void registerDirectories() {
        keys.values().removeIf(key -> !key.isValid());
        if (Files.notExists(catalog.root())) {
            try {
                // A missing root is an empty catalog; make it so its first instance is seen at once.
                Files.createDirectories(catalog.root());
            } catch (IOException e) {
                LOG.debug("Cannot create {} yet", catalog.root(), e);
            }
        }
        register(catalog.root());
        for (Upstream upstream : watched.keySet()) {
            Path directory = catalog.serviceDirectory(upstream.name());
            if (!keys.containsKey(directory) && Files.isDirectory(catalog.root())) {
                try {
                    Files.createDirectories(directory);
                } catch (IOException e) {
                    continue;
                }
            }
            register(directory);
        }
    }

    private void register(Path directory) {
        if (keys.containsKey(directory) || !Files.isDirectory(directory)) {
            return;
        }
        try {
            keys.put(directory, directory.register(events, StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
        } catch (IOException e) {
            LOG.debug("Cannot watch {} yet", directory, e);
        }
    }
}
