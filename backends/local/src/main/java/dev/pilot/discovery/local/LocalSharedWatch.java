package dev.pilot.discovery.local;

import dev.pilot.discovery.DiscoveryException;
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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed of a {@link SharedSource}, which pushes the healthy sets of every watched upstream of a
 * backend: one thread waits on a {@link WatchService} for
 * changes to the catalog's directories, and keeps the instance files of each watched service. An
 * event about an instance file reads that file alone and publishes the sets of its service's
 * upstreams; an event about a service's folder (made or deleted) reads the folder whole, as do a
 * join and an instance's expiry (only its service's). A rescan interval without events (in case
 * the file system dropped events, or the directory was deleted and made anew) reads the services
 * whose folder changed since their last read, and lost events every watched service. A read that
 * fails publishes
 * nothing, so an outage keeps the last sets, and tells the sink, so its watchers know the set is
 * stale.
 */
final class LocalSharedWatch implements SharedSource.Feed {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSharedWatch.class);
    /** The version of a directory that does not exist. */
    private static final FileTime MISSING = FileTime.fromMillis(Long.MIN_VALUE);

    private final CatalogDirectory catalog;
    private final Duration rescanInterval;
    private final SharedSource.Subscribers watched;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    /**
     * Each watched name's directory, resolved once: every batch of events looks up every watched
     * upstream's directory, and resolving a name checks it and builds a path (at 1 000 upstreams
     * that was most of what the watch allocated). Guarded by {@link #refreshLock}.
     */
    private final Map<String, Path> directories = new HashMap<>();
    /**
     * When each watched upstream's earliest instance expires. At 1 000 services heartbeating, one
     * earliest expiry for all of them came due every few seconds, although heartbeats had moved
     * nearly every instance's on, and each time every watched set was read again: most of the
     * watch's CPU. Guarded by {@link #refreshLock}.
     */
    private final ExpiryQueue<Upstream> expiries = new ExpiryQueue<>();
    /**
     * When each watched service's folder had last changed as it was read: a rescan reads only
     * those changed since. Guarded by {@link #refreshLock}.
     */
    private final Map<String, FileTime> versions = new HashMap<>();
    /**
     * The well-formed instance files of each watched service, by file name, as last read: an
     * event then reads only the file it names. Listing the folder at every heartbeat was a third
     * of the watch's system calls at 1 000 services. Guarded by {@link #refreshLock}.
     */
    private final Map<String, Map<String, CatalogDirectory.Entry>> files = new HashMap<>();
    private final Object refreshLock = new Object();
    private final WatchService events;
    private final Thread thread;
    private volatile boolean closed;

    LocalSharedWatch(CatalogDirectory catalog, Duration rescanInterval, SharedSource.Subscribers watched) {
        this.catalog = catalog;
        this.rescanInterval = rescanInterval;
        this.watched = watched;
        try {
            this.events = catalog.root().getFileSystem().newWatchService();
        } catch (IOException e) {
            throw new IllegalStateException("cannot watch " + catalog.root(), e);
        }
        this.thread = Threads.daemon("pilot-local-watch", this::run);
        thread.start();
    }

    /** Pushes the current set of {@code upstream} before returning, and every change after. */
    @Override
    public void joined(Upstream upstream) {
        synchronized (refreshLock) {
            registerDirectories();
            readService(upstream.name());
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
                long untilExpiry;
                synchronized (refreshLock) {
                    untilExpiry = expiries.next() - now;
                }
                long untilRescan = quietSince + rescanInterval.toMillis() - now;
                WatchKey key = events.poll(Math.max(1, Math.min(untilRescan, untilExpiry)), TimeUnit.MILLISECONDS);
                Events touched = key == null ? Events.NONE : drain(key);
                now = System.currentTimeMillis();
                synchronized (refreshLock) {
                    if (touched == null) {
                        readEverything(); // events were lost
                        quietSince = now;
                        continue;
                    }
                    if (key != null) {
                        quietSince = now;
                    } else if (now - quietSince >= rescanInterval.toMillis()) {
                        rescan();
                        quietSince = now;
                    }
                    if (touched.folders().contains(catalog.root())) {
                        registerDirectories(); // a service directory was made or deleted
                    }
                    // only the services touched: at 1 000 upstreams, going through every one for
                    // each batch of events was most of the watch's CPU
                    for (Path folder : touched.folders()) {
                        if (catalog.root().equals(folder.getParent())) {
                            readService(folder.getFileName().toString());
                        }
                    }
                    touched.files().forEach((folder, names) -> {
                        if (!touched.folders().contains(folder)) {
                            readFiles(folder.getFileName().toString(), names);
                        }
                    });
                    for (Upstream upstream : expiries.takeDue(System.currentTimeMillis())) {
                        if (watched.isWatched(upstream)) {
                            readService(upstream.name());
                        }
                    }
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Watching {} failed; reading every set again at the next rescan", catalog.root(), e);
                synchronized (refreshLock) {
                    versions.clear();
                    files.clear();
                }
            }
        }
    }

    private void readEverything() {
        registerDirectories();
        expiries.clear();
        files.clear();
        watched.names().forEach(this::readService);
    }

    /**
     * After a rescan interval without events: watches directories made meanwhile, and reads the
     * services whose folder changed since its last read. Reading every one instead cost most of
     * the watch's CPU at 1 000 services, whose heartbeats come in bursts with quiet between. A
     * change whose event was lost without an overflow (inotify reports every loss as one) is not
     * seen when the file system dated it in the same tick as the change before it, or when an
     * event about another file of its folder was read after it: every other change is.
     */
    private void rescan() {
        registerDirectories();
        Set<String> names = Set.copyOf(watched.names());
        versions.keySet().retainAll(names);
        files.keySet().retainAll(names);
        for (String name : names) {
            FileTime version = versions.get(name);
            if (version == null || !version.equals(modified(name))) {
                readService(name);
            }
        }
    }

    /** When the folder of service {@code name} last changed; {@link #MISSING} when there is none. */
    private FileTime modified(String name) {
        try {
            return Files.getLastModifiedTime(directory(name));
        } catch (IOException e) {
            return MISSING;
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
                        // not a temporary file: each write makes, fills and renames one, and reading
                        // for those events too read up to three times a heartbeat
                        touched.files().computeIfAbsent(directory, d -> new HashSet<>()).add(file);
                    }
                }
            }
            key.reset();
            key = events.poll();
        }
        return lost ? null : touched;
    }

    /** Reads the folder of service {@code name} whole and publishes the sets of its upstreams. */
    private void readService(String name) {
        if (watched.upstreams(name).isEmpty()) {
            files.remove(name);
            versions.remove(name);
            return;
        }
        try {
            FileTime version = modified(name); // before the read: a change during it reads again
            files.put(name, catalog.readService(name));
            versions.put(name, version);
        } catch (IOException e) {
            failed(name, e);
            return;
        }
        publish(name);
    }

    /** Reads the instance files {@code names} of service {@code name}, and publishes the sets of its upstreams. */
    private void readFiles(String name, Set<String> names) {
        Map<String, CatalogDirectory.Entry> known = files.get(name);
        if (known == null) {
            readService(name); // not read whole yet, or its last read failed
            return;
        }
        if (watched.upstreams(name).isEmpty()) {
            files.remove(name);
            versions.remove(name);
            return;
        }
        try {
            FileTime version = modified(name);
            for (String file : names) {
                CatalogDirectory.Entry entry = catalog.readFile(name, file);
                if (entry == null) {
                    known.remove(file);
                } else {
                    known.put(file, entry);
                }
            }
            versions.put(name, version);
        } catch (IOException e) {
            failed(name, e);
            return;
        }
        publish(name);
    }

    private void publish(String name) {
        Map<String, CatalogDirectory.Entry> known = files.get(name);
        long now = System.currentTimeMillis();
        for (Upstream upstream : watched.upstreams(name)) {
            CatalogDirectory.Snapshot snapshot = CatalogDirectory.select(upstream, known.values(), now);
            expiries.put(upstream, snapshot.nextExpiry());
            watched.publish(upstream, snapshot.healthy());
        }
    }

    /** A read of service {@code name} failed: its upstreams keep their last sets, stale, and it is read whole next time. */
    private void failed(String name, IOException e) {
        files.remove(name);
        versions.remove(name);
        for (Upstream upstream : watched.upstreams(name)) {
            LOG.debug("Cannot read {} from {}; keeping its last set", upstream, catalog.root(), e);
            watched.failed(upstream, DiscoveryException.of(LocalBackendProvider.NAME, catalog.root().toString(), "reading " + upstream, e));
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
        for (String name : watched.names()) {
            Path directory = directory(name);
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

    private Path directory(String name) {
        return directories.computeIfAbsent(name, catalog::serviceDirectory);
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
