package dev.pilot.discovery.local;

import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of a local catalog: {@code {root}/{name}/{id}.json}, one per instance, each holding
 * the ContainerPilot document ({@link InstanceDocument}) plus {@code expiresAt}, the wall-clock
 * time in epoch milliseconds at which it expires unless refreshed. A document is written whole to
 * a temporary file in the same folder and renamed into place, so a reader in any process sees
 * either the old document or the new one, never half of one. A heartbeat that changes nothing but
 * the expiry sets the file's modification time to it instead: an instance expires at the later of
 * its {@code expiresAt} and its file's modification time.
 *
 * <p>Thread-safe; several processes may share one root.
 */
final class CatalogDirectory {

    private static final String SUFFIX = ".json";
    /** Bytes in a file name on Linux file systems. */
    private static final int MAX_FILE_NAME = 255;

    /** What one read of a service directory found. */
    record Snapshot(List<Instance> healthy, long nextExpiry) {}

    /** One instance file: the instance and when it expires. */
    record Entry(Instance instance, long expiresAt) {

        /** This entry, expiring no earlier than {@code modified}: its file's modification time. */
        Entry modifiedAt(FileTime modified) {
            long at = modified.toMillis();
            return at > expiresAt ? new Entry(instance, at) : this;
        }
    }

    private final Path root;
    private final InstanceFiles files = new InstanceFiles();

    CatalogDirectory(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    Path serviceDirectory(String name) {
        return root.resolve(fileName("name", name));
    }

    private Path instanceFile(ServiceDefinition service) {
        return serviceDirectory(service.name()).resolve(fileName("id", service.id()) + SUFFIX);
    }

    /**
     * Writes (or refreshes) the instance file of {@code service}, expiring one TTL from now
     * ({@link InstanceFiles#write}).
     */
    void write(ServiceDefinition service) throws IOException {
        files.write(instanceFile(service), service);
    }

    /** Removes the instance file of {@code service}; nothing happens when there is none. */
    void delete(ServiceDefinition service) throws IOException {
        requireRoot();
        files.delete(instanceFile(service));
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
                Entry entry = files.read(directory.resolve(file), name);
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
        return files.read(directory.resolve(file), name);
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
