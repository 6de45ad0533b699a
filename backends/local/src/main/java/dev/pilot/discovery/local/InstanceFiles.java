package dev.pilot.discovery.local;

import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.local.CatalogDirectory.Entry;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.support.InstanceJson;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes and reads the instance files of a {@link CatalogDirectory}, one file at a time. A
 * document is written whole to a temporary file in the same folder and renamed into place; a
 * heartbeat that changes nothing but the expiry sets the file's modification time instead; a read
 * takes the later of the document's {@code expiresAt} and that time.
 *
 * <p>Thread-safe.
 */
final class InstanceFiles {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceFiles.class);

    /**
     * An instance file as this process last left it: the file's identity, size and modification
     * time, which a read compares before reading the file itself, the definition it was written
     * from, and what it holds.
     */
    private record Written(Object fileKey, long size, FileTime modified, ServiceDefinition service, Entry entry) {

        boolean describes(BasicFileAttributes file) {
            return fileKey != null && fileKey.equals(file.fileKey()) && size == file.size()
                    && modified.equals(file.lastModifiedTime());
        }
    }

    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /**
     * The instance files this process wrote, as it last left them. A file that still matches (the
     * same inode, size and modification time: a write makes a new file, and whoever else writes
     * one in place sets its time to the present, never to an expiry ahead) is neither written
     * again by a heartbeat nor read by the watch, which is told of each heartbeat at once. At
     * 1 000 services, writing a new file per heartbeat (an inode made, one freed, the data flushed
     * on rename) and reading it back was nearly all of an agent's CPU.
     */
    private final Map<Path, Written> written = new ConcurrentHashMap<>();

    /**
     * Writes (or refreshes) {@code target}, the instance file of {@code service}, expiring one TTL
     * from now: when this process wrote it from the same definition and nobody changed it since,
     * by setting its modification time to the expiry; else anew.
     */
    void write(Path target, ServiceDefinition service) throws IOException {
        long expiresAt = System.currentTimeMillis() + service.ttl().toMillis();
        Written last = written.get(target);
        if (last != null && last.service().equals(service) && touch(target, last, expiresAt)) {
            return;
        }
        Path directory = target.getParent();
        // in the same folder: a rename between two folders takes the file system's lock for such
        // renames, which every writer of every service then queues on
        Path temporary = directory.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Map<String, Object> document = new LinkedHashMap<>(InstanceDocument.encode(service));
        document.put("expiresAt", expiresAt);
        byte[] body = InstanceJson.write(document);
        BasicFileAttributes file;
        try {
            file = replace(target, temporary, body);
        } catch (NoSuchFileException e) {
            // the service's first instance, or its folder was deleted: making the folder on every
            // heartbeat instead cost a system call and an exception each
            Files.createDirectories(directory);
            file = replace(target, temporary, body);
        }
        Entry entry = parse(target, body, service.name()); // as any reader reads it
        if (entry == null) {
            written.remove(target); // cannot happen for a document written here; read it from the file then
        } else {
            written.put(target, new Written(file.fileKey(), file.size(), file.lastModifiedTime(), service, entry));
        }
    }

    /**
     * Moves the expiry of {@code target} to {@code expiresAt} by its modification time, when the
     * file is still as this process last left it ({@code last}).
     *
     * @return false when it is not (gone, or written by another process): write it anew
     */
    private boolean touch(Path target, Written last, long expiresAt) throws IOException {
        try {
            if (!last.describes(Files.readAttributes(target, BasicFileAttributes.class))) {
                return false;
            }
            FileTime expiry = FileTime.fromMillis(expiresAt);
            // both times: with the access time left as it was, the JDK reads the file's attributes first
            Files.getFileAttributeView(target, BasicFileAttributeView.class)
                    .setTimes(expiry, FileTime.fromMillis(System.currentTimeMillis()), null);
            written.put(target, new Written(last.fileKey(), last.size(), expiry, last.service(), last.entry().modifiedAt(expiry)));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /** Writes {@code body} to {@code temporary}, renames it to {@code target}, and returns the file's attributes. */
    private static BasicFileAttributes replace(Path target, Path temporary, byte[] body) throws IOException {
        boolean moved = false;
        try {
            Files.write(temporary, body);
            BasicFileAttributes file = Files.readAttributes(temporary, BasicFileAttributes.class);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            return file;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Removes {@code target}, an instance file; nothing happens when there is none. */
    void delete(Path target) throws IOException {
        written.remove(target);
        Files.deleteIfExists(target);
    }

    /**
     * The instance file {@code file} of {@code service}: null when it does not exist or is
     * malformed (with one warning).
     *
     * @throws IOException when it cannot be read
     */
    Entry read(Path file, String service) throws IOException {
        BasicFileAttributes attributes;
        byte[] body;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
            Written mine = written.get(file);
            if (mine != null && mine.describes(attributes)) {
                return mine.entry();
            }
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
        Entry entry = parse(file, body, service);
        return entry == null ? null : entry.modifiedAt(attributes.lastModifiedTime());
    }

    private Entry parse(Path file, byte[] body, String service) {
        try {
            Object document = InstanceJson.parse(body);
            Instance instance = InstanceDocument.decode(document, service);
            if (!(((Map<?, ?>) document).get("expiresAt") instanceof Number expiresAt)) {
                throw new InstanceDocument.Malformed("\"expiresAt\": expected a time in epoch milliseconds");
            }
            return new Entry(instance, expiresAt.longValue());
        } catch (InstanceDocument.Malformed e) {
            warnOnce(file, e.getMessage());
        }
        return null;
    }

    private void warnOnce(Path file, String why) {
        if (warned.add(file + "|" + why)) {
            LOG.warn("Skipping {}: {}", file, why);
        }
    }
}
