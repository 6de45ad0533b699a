package dev.pilot.agent.backend;

import dev.pilot.agent.JarFolder;
import dev.pilot.discovery.spi.BackendProvider;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * A backend whose jars sit in a folder of their own: its classes are loaded, by a class loader
 * over that folder's jars whose parent is the agent's, only when the backend is first used
 * (its configuration checked or a backend created). The {@link BackendProvider} found there
 * under this name does the work.
 *
 * <p>Thread-safe.
 */
final class BackendFolder implements BackendProvider {

    private final String name;
    private final Path folder;
    private BackendProvider provider;

    BackendFolder(String name, Path folder) {
        this.name = name;
        this.folder = folder;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void checkServiceOptions(String path, Object block) {
        provider().checkServiceOptions(path, block);
    }

    @Override
    public ServiceBackend create(Object raw) {
        return provider().create(raw);
    }

    private synchronized BackendProvider provider() {
        if (provider == null) {
            provider = load();
        }
        return provider;
    }

    private BackendProvider load() {
        URLClassLoader loader = JarFolder.loader("pilot-backend-" + name, folder, BackendFolder.class.getClassLoader(),
                "the backend folder");
        for (BackendProvider candidate : ServiceLoader.load(BackendProvider.class, loader)) {
            if (candidate.name().equals(name) && candidate.getClass().getClassLoader() == loader) { // not the parent's
                return candidate;
            }
        }
        throw new ConfigException(name, "expected the folder " + folder + " to hold the " + name
                + " backend's jars, found no " + name + " backend there");
    }
}
