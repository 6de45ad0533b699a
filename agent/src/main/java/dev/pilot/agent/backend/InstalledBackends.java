package dev.pilot.agent.backend;

import dev.pilot.discovery.Backends;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The backends this agent can use. The self-contained agent keeps each backend's jars in a folder
 * of its own ({@code lib/backends/<name>/}, named by the system property {@value #FOLDER_PROPERTY},
 * which {@code bin/pilot} sets): every folder's name is a backend, and only the one the
 * configuration names is ever loaded, by a class loader of its own ({@link BackendFolder}), so
 * an agent on one backend never loads another's classes or libraries. Without the property (the
 * agent's jar with every backend inside, tests) the backends are those on the class path.
 */
public final class InstalledBackends {

    /** The system property naming the folder that holds one folder per backend. */
    public static final String FOLDER_PROPERTY = "pilot.backends";

    private InstalledBackends() {}

    /** The backends in the folder {@value #FOLDER_PROPERTY} names, or else those on the class path. */
    public static Backends find() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        return folder == null || folder.isBlank() ? Backends.fromClassPath() : inFolder(Path.of(folder));
    }

    /** One backend per folder in {@code folder}, under the folder's name, none loaded yet. */
    public static Backends inFolder(Path folder) {
        Backends backends = new Backends();
        for (Path backend : backendFolders(folder)) {
            String name = backend.getFileName().toString();
            backends.register(new BackendFolder(name, backend));
        }
        return backends;
    }

    private static List<Path> backendFolders(Path folder) {
        try (var entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("the backends folder " + folder + " (-D" + FOLDER_PROPERTY
                    + ") cannot be listed", e);
        }
    }
}
