package dev.pilot.discovery.local;

import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.support.InstanceJson;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of a local catalog: {@code {root}/{name}/{id}.json}, one per instance, each holding
 * the ContainerPilot document ({@link InstanceDocument}) plus {@code expiresAt}, the wall-clock
 * time in epoch milliseconds at which it expires unless refreshed; each written
 * whole to a temporary file in the same folder and renamed into place, so a reader in any process
 * sees either the old document or the new one, never half of one.
 *
 * <p>Thread-safe; several processes may share one root.
 */
final class CatalogDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogDirectory.class);
    private static final String SUFFIX = ".json";
    /** Bytes in a file name on Linux file systems. */
    private static final int MAX_FILE_NAME = 255;

    /** What one read of a service directory found. */
    record Snapshot(List<Instance> healthy, long nextExpiry) {}

    /** One instance file: the instance and when it expires. */
    record Entry(Instance instance, long expiresAt) {}

    private final Path root;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    CatalogDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path serviceDirectory(String name) {
        return root.resolve(fileName("name", name));
    }

    /** Writes (or refreshes) the instance file of {@code service}, expiring one TTL from now. */
    void write(ServiceDefinition service) throws IOException {
        Path directory = serviceDirectory(service.name());
        Path target = directory.resolve(fileName("id", service.id()) + SUFFIX);
        // in the same folder: a rename between two folders takes the file system's lock for such
        // renames, which every writer of every service then queues on
        Path temporary = directory.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Map<String, Object> document = new LinkedHashMap<>(InstanceDocument.encode(service));
        document.put("expiresAt", System.currentTimeMillis() + service.ttl().toMillis());
        byte[] body = InstanceJson.write(document);
        try {
            replace(target, temporary, body);
        } catch (NoSuchFileException e) {
            // the service's first instance, or its folder was deleted: making the folder on every
            // heartbeat instead cost a system call and an exception each
            Files.createDirectories(directory);
            replace(target, temporary, body);
        }
    }

    private static void replace(Path target, Path temporary, byte[] body) throws IOException {
        boolean moved = false;
        try {
            Files.write(temporary, body);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    /** Removes the instance file of {@code service}; nothing happens when there is none. */
    void delete(ServiceDefinition service) throws IOException {
        requireRoot();
        Files.deleteIfExists(serviceDirectory(service.name()).resolve(fileName("id", service.id()) + SUFFIX));
    }

    /**
     * Reads the healthy set of {@code upstream}: every unexpired, well-formed instance file that
     * carries the tag. Malformed files are skipped with one warning each.
     *
     * @throws IOException when the catalog directory cannot be read
     */
    Snapshot read(Upstream upstream) throws IOException {
        return select(upstream, readService(serviceDirectory(upstream.name()), upstream.name()).values(),
                System.currentTimeMillis());
    }

    /**
     * Reads every well-formed instance file of service {@code name}, whose folder is
     * {@code directory} ({@link #serviceDirectory}), by file name; none when its folder does not
     * exist. Malformed files are skipped with one warning each.
     *
     * @throws IOException when the catalog directory cannot be read
     */
    Map<String, Entry> readService(Path directory, String name) throws IOException {
        Map<String, Entry> entries = new HashMap<>();
        for (String file : list(directory)) {
            if (isInstanceFile(file)) {
                Entry entry = parse(directory.resolve(file), name);
                if (entry != null) {
                    entries.put(file, entry);
                }
            }
        }
        return entries;
    }

    /**
     * Reads the instance file {@code file} of service {@code name}, whose folder is
     * {@code directory}: null when it does not exist or is malformed (with one warning).
     *
     * @throws IOException when it cannot be read
     */
    Entry readFile(Path directory, String name, String file) throws IOException {
        return parse(directory.resolve(file), name);
    }

    /** The healthy set of {@code upstream} among {@code entries} at {@code now}: unexpired, with the tag. */
    static Snapshot select(Upstream upstream, Collection<Entry> entries, long now) {
        long nextExpiry = Long.MAX_VALUE;
        List<Instance> healthy = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.expiresAt() > now && upstream.matches(entry.instance())) {
                healthy.add(entry.instance());
                nextExpiry = Math.min(nextExpiry, entry.expiresAt());
            }
        }
        return new Snapshot(Instance.sorted(healthy), nextExpiry);
    }

    /**
     * The names in a service's folder; none when it does not exist. {@link File#list()} rather
     * than {@link Files#newDirectoryStream}: on Linux the latter is a secure stream, which
     * duplicates the folder's descriptor and checks it (ten system calls to list a folder instead
     * of five). Its exceptions say why a folder cannot be read.
     */
    private String[] list(Path directory) throws IOException {
        String[] names = directory.toFile().list();
        if (names != null) {
            return names;
        }
        requireRoot();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            List<String> listed = new ArrayList<>();
            stream.forEach(file -> listed.add(file.getFileName().toString()));
            return listed.toArray(String[]::new);
        } catch (NoSuchFileException e) {
            return new String[0];
        }
    }

    /** An instance's file, by its name: not a write's temporary file. */
    static boolean isInstanceFile(String name) {
        return !name.startsWith(".") && name.endsWith(SUFFIX);
    }

    private Entry parse(Path file, String service) throws IOException {
        byte[] body;
        try {
            body = Files.readAllBytes(file);
        } catch (NoSuchFileException deletedMeanwhile) {
            return null;
        }
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

    /** A missing root is an empty catalog; a root that is not a directory is an outage. */
    private void requireRoot() throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new NotDirectoryException(root.toString());
        }
    }

    /**
     * Why {@code value} cannot name an instance file or a service directory (with room for the
     * suffix and the temporary file's name), or null when it can.
     */
    static String unusableAsFileName(String value) {
        if (value.contains("/") || value.contains("\0") || value.startsWith(".")) {
            return "expected a name usable as a file name (no '/', no NUL, not starting with '.')";
        }
        if (("." + value + SUFFIX + ".tmp-0123456789abcdef").getBytes(StandardCharsets.UTF_8).length > MAX_FILE_NAME) {
            return "expected a name of at most " + (MAX_FILE_NAME - 23) + " bytes (a file name's limit)";
        }
        return null;
    }

    private static String fileName(String field, String value) {
        String unusable = unusableAsFileName(value);
        if (unusable != null) {
            throw new IllegalArgumentException(field + ": " + unusable + ", got " + ConfigMap.describe(value));
        }
        return value;
    }
}
