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
 * changes to the catalog's directories; an event re-reads only the watched upstreams of the
 * service directory it concerns, and an instance's expiry only the upstreams it was in; a rescan
 * interval without events (in case the file system dropped events, or the directory was deleted
 * and made anew) re-reads the sets whose directory changed since their last read, and lost events
 * every watched set. A read that fails publishes
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
     * When each watched upstream's directory had last changed as it was read: a rescan reads only
     * those changed since. Guarded by {@link #refreshLock}.
     */
    private final Map<Upstream, FileTime> versions = new HashMap<>();
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
            refresh(upstream);
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
                Set<Path> touched = key == null ? Set.of() : drain(key);
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
                    if (touched.contains(catalog.root())) {
                        registerDirectories(); // a service directory was made or deleted
                    }
                    // only the upstreams of the directories touched: at 1 000 upstreams, going
                    // through every one for each batch of events was most of the watch's CPU
                    for (Path directory : touched) {
                        if (catalog.root().equals(directory.getParent())) {
                            watched.upstreams(directory.getFileName().toString()).forEach(this::refresh);
                        }
                    }
                    for (Upstream upstream : expiries.takeDue(System.currentTimeMillis())) {
                        if (watched.isWatched(upstream)) {
                            refresh(upstream);
                        }
                    }
                }
            } catch (ClosedWatchServiceException | InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Watching {} failed; reading every set again at the next rescan", catalog.root(), e);
                synchronized (refreshLock) {
                    versions.clear();
                }
            }
        }
    }

    private void readEverything() {
        registerDirectories();
        expiries.clear();
        watched.upstreams().forEach(this::refresh);
    }

    /**
     * After a rescan interval without events: watches directories made meanwhile, and reads the
     * upstreams whose directory changed since their last read. Reading every one instead cost most
     * of the watch's CPU at 1 000 services, whose heartbeats come in bursts with quiet between.
     * A change the file system dates in the same tick as the change before it, and whose event was
     * lost without an overflow, is not seen: every other change is.
     */
    private void rescan() {
        registerDirectories();
        List<Upstream> upstreams = watched.upstreams();
        versions.keySet().retainAll(Set.copyOf(upstreams));
        for (Upstream upstream : upstreams) {
            FileTime version = versions.get(upstream);
            if (version == null || !version.equals(modified(upstream))) {
                refresh(upstream);
            }
        }
    }

    /** When the directory of {@code upstream} last changed; {@link #MISSING} when there is none. */
    private FileTime modified(Upstream upstream) {
        try {
            return Files.getLastModifiedTime(directory(upstream.name()));
        } catch (IOException e) {
            return MISSING;
        }
    }

    /**
     * Takes every pending event: one re-read per service directory covers them all, and events
     * about temporary files need none.
     *
     * @return the service directories that changed (an event in a service directory, or the
     *         directory itself made or deleted in the root, which then adds the root too); null
     *         when events were lost, so every directory must be read again
     */
    private Set<Path> drain(WatchKey key) {
        Set<Path> touched = new HashSet<>();
        while (key != null) {
            Path directory = (Path) key.watchable();
            for (WatchEvent<?> event : key.pollEvents()) {
                if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                    touched = null;
                } else if (touched != null && directory.equals(catalog.root())) {
                    touched.add(directory);
                    touched.add(directory.resolve((Path) event.context()));
                } else if (touched != null && CatalogDirectory.isInstanceFile(event.context().toString())) {
                    // not a temporary file: each write makes, fills and renames one, and reading
                    // the folder for those events too read it up to three times a heartbeat
                    touched.add(directory);
                }
            }
            key.reset();
            key = events.poll();
        }
        return touched;
    }

    private void refresh(Upstream upstream) {
        try {
            FileTime version = modified(upstream); // before the read: a change during it reads again
            CatalogDirectory.Snapshot snapshot = catalog.read(upstream);
            expiries.put(upstream, snapshot.nextExpiry());
            watched.publish(upstream, snapshot.healthy());
            versions.put(upstream, version);
        } catch (IOException e) {
            versions.remove(upstream);
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
