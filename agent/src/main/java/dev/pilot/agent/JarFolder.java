package dev.pilot.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A folder of jars that the self-contained agent loads only when its configuration needs them
 * ({@code lib/backends/<name>/}, {@code lib/telemetry/}), by a class loader of their own.
 */
public final class JarFolder {

    private JarFolder() {}

    /**
     * A class loader over every jar in {@code folder}, in name order, whose parent is {@code parent}.
     *
     * @param name        the loader's name, as stack traces and class histograms show it
     * @param description what the folder is, for the message when it cannot be listed
     */
    public static URLClassLoader loader(String name, Path folder, ClassLoader parent, String description) {
        List<URL> urls = new ArrayList<>();
        try (var entries = Files.list(folder)) {
            for (Path jar : entries.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList()) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(description + " " + folder + " cannot be listed", e);
        }
        return new URLClassLoader(name, urls.toArray(URL[]::new), parent);
    }
}
