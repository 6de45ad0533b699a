package dev.pilot.discovery.local;

import dev.pilot.discovery.spi.BackendProvider;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@code local} backend: a catalog of JSON files in a directory shared by the processes of one host. */
public final class LocalBackendProvider implements BackendProvider {

    /** The name under which the configuration holds this backend. */
    public static final String NAME = "local";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws ConfigException when the configuration is wrong, or its directory cannot be a
     *                         catalog here: it is a file, or it (or the directory it would be
     *                         created in) is not writable
     */
    @Override
    public ServiceBackend create(Object raw) {
        LocalConfig config = LocalConfig.from(raw);
        requireUsable(config.directory());
        return connect(config);
    }

    private static void requireUsable(Path directory) {
        Path existing = directory;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        String what = existing.equals(directory) ? "" : " (where it would be created)";
        if (!Files.isDirectory(existing)) {
            throw new ConfigException(NAME, "expected a directory, got " + existing + what + ", which is a file");
        }
        if (!Files.isWritable(existing)) {
            throw new ConfigException(NAME, "expected a writable directory, got " + existing + what
                    + ", which this process cannot write to");
        }
    }

    /** A backend on the catalog directory of {@code config}. */
    public static ServiceBackend connect(LocalConfig config) {
        return new LocalBackend(config);
    }
}
