package dev.pilot.discovery.local;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.SharedSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folders of the services a {@link LocalSharedWatch} watches, as it last read them: each
 * service's instance files, when its folder had last changed, and when each upstream's earliest
 * instance expires. Each read publishes the sets of the service's upstreams; a read that fails
 * publishes nothing, so an outage keeps the last sets, and tells the sink, so its watchers know
 * the set is stale.
 *
 * <p>Not thread-safe: the watch guards it.
 */
final class ServiceFolders {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceFolders.class);
    /** The version of a directory that does not exist. */
    private static final FileTime MISSING = FileTime.fromMillis(Long.MIN_VALUE);

    private final CatalogDirectory catalog;
    private final SharedSource.Subscribers watched;
    /**
     * Each watched name's directory, resolved once: every batch of events looks up every watched
     * upstream's directory, and resolving a name checks it and builds a path (at 1 000 upstreams
     * that was most of what the watch allocated).
     */
    private final Map<String, Path> directories = new HashMap<>();
    /**
     * The well-formed instance files of each watched service, by file name, as last read: an
     * event then reads only the file it names. Listing the folder at every heartbeat was a third
     * of the watch's system calls at 1 000 services.
     */
    private final Map<String, Map<String, CatalogDirectory.Entry>> files = new HashMap<>();
    /** When each watched service's folder had last changed as it was read: a rescan reads only those changed since. */
    private final Map<String, FileTime> versions = new HashMap<>();
    /**
     * When each watched upstream's earliest instance expires. At 1 000 services heartbeating, one
     * earliest expiry for all of them came due every few seconds, although heartbeats had moved
     * nearly every instance's on, and each time every watched set was read again: most of the
     * watch's CPU.
     */
    private final ExpiryQueue<Upstream> expiries = new ExpiryQueue<>();

    ServiceFolders(CatalogDirectory catalog, SharedSource.Subscribers watched) {
        this.catalog = catalog;
        this.watched = watched;
    }

    Path directory(String name) {
        return directories.computeIfAbsent(name, catalog::serviceDirectory);
    }

    /** Reads the folder of service {@code name} whole and publishes the sets of its upstreams. */
    void readWhole(String name) {
        if (watched.upstreams(name).isEmpty()) {
            forget(name);
            return;
        }
        try {
            FileTime version = modified(name); // before the read: a change during it reads again
            files.put(name, catalog.readService(directory(name), name));
            versions.put(name, version);
        } catch (IOException e) {
            failed(name, e);
            return;
        }
        publish(name);
    }

    /** Reads the instance files {@code names} of service {@code name}, and publishes the sets of its upstreams. */
    void readFiles(String name, Set<String> names) {
        Map<String, CatalogDirectory.Entry> known = files.get(name);
        if (known == null || watched.upstreams(name).isEmpty()) {
            readWhole(name); // not read whole yet, its last read failed, or nobody watches it
            return;
        }
        try {
            FileTime version = modified(name);
            Path directory = directory(name);
            for (String file : names) {
                CatalogDirectory.Entry entry = catalog.readFile(directory, name, file);
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

    /** Reads every watched service whole: events were lost. */
    void readEverything() {
        expiries.clear();
        files.clear();
        watched.names().forEach(this::readWhole);
    }

    /**
     * Reads the services whose folder changed since its last read. A change whose event was lost
     * without an overflow (inotify reports every loss as one) is not seen when the file system
     * dated it in the same tick as the change before it, or when an event about another file of
     * its folder was read after it: every other change is.
     */
    void readChanged() {
        Set<String> names = Set.copyOf(watched.names());
        versions.keySet().retainAll(names);
        files.keySet().retainAll(names);
        for (String name : names) {
            FileTime version = versions.get(name);
            if (version == null || !version.equals(modified(name))) {
                readWhole(name);
            }
        }
    }

    /** When the earliest instance of any watched upstream expires, in epoch milliseconds. */
    long nextExpiry() {
        return expiries.next();
    }

    /** Reads the service of each upstream whose earliest instance has expired by {@code now}. */
    void readExpired(long now) {
        for (Upstream upstream : expiries.takeDue(now)) {
            if (watched.isWatched(upstream)) {
                readWhole(upstream.name());
            }
        }
    }

    /** Forgets what was read, so that the next rescan reads every service. */
    void forgetAll() {
        versions.clear();
        files.clear();
    }

    private void forget(String name) {
        files.remove(name);
        versions.remove(name);
    }

    /** When the folder of service {@code name} last changed; {@link #MISSING} when there is none. */
    private FileTime modified(String name) {
        try {
            return Files.getLastModifiedTime(directory(name));
        } catch (IOException e) {
            return MISSING;
        }
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
        forget(name);
        for (Upstream upstream : watched.upstreams(name)) {
            LOG.debug("Cannot read {} from {}; keeping its last set", upstream, catalog.root(), e);
            watched.failed(upstream, DiscoveryException.of(LocalBackendProvider.NAME, catalog.root().toString(), "reading " + upstream, e));
        }
    }
}
