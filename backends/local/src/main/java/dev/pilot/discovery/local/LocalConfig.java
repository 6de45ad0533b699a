package dev.pilot.discovery.local;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.spi.ConfigMap;
import dev.pilot.discovery.spi.Durations;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the {@code local} backend:
 * <pre>{@code "local": "/var/run/pilot"}</pre> or
 * <pre>{@code "local": {"directory": "/var/run/pilot", "rescanInterval": "2s"}}</pre>
 *
 * @param directory      the catalog directory, shared by every process that uses it; created on demand
 * @param rescanInterval how long a watch waits without file events before it re-reads the
 *                       directories that changed unseen, in case the file system drops events
 */
public record LocalConfig(Path directory, Duration rescanInterval) {

    /** The catalog directory when the configuration names none. */
    public static final Path DEFAULT_DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"), "pilot-catalog");

    static final Duration DEFAULT_RESCAN = Duration.ofSeconds(2);

    /** @throws ConfigException naming the key of a bad value */
    public LocalConfig {
        if (directory == null) {
            throw new ConfigException(LocalBackendProvider.NAME + ".directory", "expected a directory path, got nothing");
        }
        Durations.requirePositive(LocalBackendProvider.NAME + ".rescanInterval", rescanInterval);
    }

    public LocalConfig(Path directory) {
        this(directory, DEFAULT_RESCAN);
    }

    /**
     * Reads the raw value under the {@code local} key: a path, an object, or null for the defaults.
     *
     * @throws ConfigException naming the key of a bad value
     */
    public static LocalConfig from(Object raw) {
        if (raw == null) {
            return new LocalConfig(DEFAULT_DIRECTORY);
        }
        if (raw instanceof String path) {
            return new LocalConfig(path(LocalBackendProvider.NAME, path.isBlank() ? DEFAULT_DIRECTORY.toString() : path));
        }
        if (!(raw instanceof java.util.Map<?, ?>)) {
            throw new ConfigException(LocalBackendProvider.NAME, "expected a directory path or an object with \"directory\", got "
                    + ConfigMap.describe(raw));
        }
        ConfigMap config = ConfigMap.of(LocalBackendProvider.NAME, raw).allowOnly("directory", "rescanInterval");
        Path directory = path(config.path("directory"), config.string("directory", DEFAULT_DIRECTORY.toString()));
        return new LocalConfig(directory, config.duration("rescanInterval", DEFAULT_RESCAN));
    }

    private static Path path(String key, String value) {
        try {
            return Path.of(value).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new ConfigException(key, "expected a directory path, got \"" + value + "\" (" + e.getReason() + ")");
        }
    }
}
