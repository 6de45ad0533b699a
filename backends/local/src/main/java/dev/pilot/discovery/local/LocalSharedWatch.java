package dev.pilot.discovery.local;

import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.SharedSource;
import dev.pilot.discovery.spi.Threads;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of a {@link SharedSource}, which pushes the healthy sets of every watched upstream of a
 * backend: one thread waits on a {@link WatchService} for changes to the catalog's directories,
 * and {@link ServiceFolders} keeps what it read of each watched service. An event about an
 * instance file reads that file alone and publishes the sets of its service's upstreams; an event
 * about a service's folder (made or deleted) reads the folder whole, as do a join and an
 * instance's expiry (only its service's). A rescan interval without events (in case the directory
 * was deleted and made anew) reads the services whose folder changed since their last read, and
 * lost events every watched service.
 */
final class LocalSharedWatch implements SharedSource.Feed {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSharedWatch.class);

    private final CatalogDirectory catalog;
    private final Duration rescanInterval;
    private final SharedSource.Subscribers watched;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    /** Guarded by {@link #refreshLock}. */
    private final ServiceFolders folders;
    private final Object refreshLock = new Object();
    private final WatchService events;
    private final Thread thread;
    /**
     * When the watch thread's wait for events ends (epoch ms), while it waits or is about to; 0
     * while it reads. Guarded by {@link #refreshLock}.
     */
    private long waitsUntil;
    private volatile boolean closed;

    LocalSharedWatch(CatalogDirectory catalog, Duration rescanInterval, SharedSource.Subscribers watched) {
        this.catalog = catalog;
        this.rescanInterval = rescanInterval;
        this.watched = watched;
        this.folders = new ServiceFolders(catalog, watched);
        try {
            this.events = catalog.root().getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + catalog.root(), e);
        }
        this.thread = Threads.daemon("pilot-local-watch", this::run);
        thread.start();
    }

    /**
     * Pushes the current set of {@code upstream} before returning, and every change after. When
     * one of its instances expires before the watch thread's wait ends (a rescan interval, when
     * nothing else is due), it wakes the thread, which then waits for that expiry instead. The
     * thread is interrupted only under the lock it reads under, and clears the interrupt as soon
     * as it holds that lock, so no read of a file is ever interrupted.
     */
    @Override
    public void joined(Upstream upstream) {
        synchronized (refreshLock) {
            registerDirectories();
            folders.readWhole(upstream.name());
            if (folders.nextExpiry() < waitsUntil) {
                thread.interrupt();
            }
        }
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
        // the last event (or rescan): expiries that come due meanwhile do not put the rescan off
        long quietSince = System.currentTimeMillis();
        while (!closed) {
            try {
                long now = System.currentTimeMillis();
                long wait;
                synchronized (refreshLock) {
                    Thread.interrupted(); // a wake-up from joined(): the next expiry is read below
                    wait = Math.max(1, Math.min(quietSince + rescanInterval.toMillis(), folders.nextExpiry()) - now);
                    waitsUntil = now + wait;
                }
                WatchKey key = events.poll(wait, TimeUnit.MILLISECONDS);
                Events touched = key == null ? Events.NONE : drain(key);
                now = System.currentTimeMillis();
                synchronized (refreshLock) {
                    Thread.interrupted(); // a wake-up that came after the wait ended: nothing to wake
                    waitsUntil = 0;
                    if (touched == null) {
                        registerDirectories();
                        folders.readEverything(); // events were lost
                        quietSince = now;
                        continue;
                    }
                    if (key != null) {
                        quietSince = now;
                    } else if (now - quietSince >= rescanInterval.toMillis()) {
                        registerDirectories(); // and folders made meanwhile
                        folders.readChanged();
                        quietSince = now;
                    }
                    if (touched.folders().contains(catalog.root())) {
                        registerDirectories(); // a service directory was made or deleted
                    }
                    // only the services touched: at 1 000 upstreams, going through every one for
                    // each batch of events was most of the watch's CPU
                    for (Path folder : touched.folders()) {
                        if (catalog.root().equals(folder.getParent())) {
                            folders.readWhole(folder.getFileName().toString());
                        }
                    }
                    touched.files().forEach((folder, names) -> {
                        if (!touched.folders().contains(folder)) {
                            folders.readFiles(folder.getFileName().toString(), names);
                        }
                    });
                    folders.readExpired(System.currentTimeMillis());
                }
            } catch (ClosedWatchServiceException e) {
                return;
            } catch (InterruptedException e) {
                if (closed) {
                    return;
                }
                // woken by joined(): wait again, for the expiry it read
            } catch (RuntimeException e) {
                LOG.warn("Watching {} failed; reading every set again at the next rescan", catalog.root(), e);
                synchronized (refreshLock) {
                    folders.forgetAll();
                }
            }
        }
    }

    /**
     * What a batch of events touched: folders to read whole (a service's folder made or deleted,
     * which adds the root too), and instance files to read, by folder.
     */
    private record Events(Set<Path> folders, Map<Path, Set<String>> files) {
        static final Events NONE = new Events(Set.of(), Map.of());
    }

    /**
     * Takes every pending event: one read per file or folder covers all of its events, and events
     * about temporary files need none.
     *
     * @return what the events touched; null when events were lost, so every service must be read
     *         again
     */
    private Events drain(WatchKey key) {
        Events touched = new Events(new HashSet<>(), new HashMap<>());
        boolean lost = false;
        while (key != null) {
            Path directory = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    lost = true;
                } else if (directory.equals(catalog.root())) {
                    touched.folders().add(directory);
                    touched.folders().add(directory.resolve((Path) event.context()));
                } else {
                    String file = event.context().toString();
                    if (CatalogDirectory.isInstanceFile(file)) {
                        // not a write's temporary file: each write makes, fills and renames one,
                        // and reading for those events would read the instance up to three more times
                        touched.files().computeIfAbsent(directory, d -> new HashSet<>()).add(file);
                    }
                }
            }
            key.reset();
            key = events.poll();
        }
        return lost ? null : touched;
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
        for (String name : watched.names()) {
            Path directory = folders.directory(name);
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
