package dev.pilot.agent.backend;

import dev.pilot.discovery.spi.BackendProvider;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
        URLClassLoader loader = new URLClassLoader("pilot-backend-" + name, jars(), BackendFolder.class.getClassLoader());
        for (BackendProvider candidate : ServiceLoader.load(BackendProvider.class, loader)) {
            if (candidate.name().equals(name) && candidate.getClass().getClassLoader() == loader) { // not the parent's
                return candidate;
            }
        }
        throw new ConfigException(name, "expected the folder " + folder + " to hold the " + name
                + " backend's jars, found no " + name + " backend there");
    }

    private URL[] jars() {
        List<URL> urls = new ArrayList<>();
        try (var entries = Files.list(folder)) {
            for (Path jar : entries.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("the backend folder " + folder + " cannot be listed", e);
        }
        return urls.toArray(URL[]::new);
    }
}
