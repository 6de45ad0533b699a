package dev.pilot.agent.telemetry;

import dev.pilot.agent.JarFolder;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * Makes the {@link Telemetry} endpoint. The self-contained agent keeps its implementation and
 * libraries (Micrometer's Prometheus registry) in a folder of their own ({@code lib/telemetry/},
 * named by the system property {@value #FOLDER_PROPERTY}, which {@code bin/pilot} sets), loaded by
 * a class loader of their own the first time a configuration asks for telemetry: an agent without
 * a {@code telemetry} block never loads them. Without the property (the agent's jar with
 * everything inside, tests) the implementation is the one on the class path.
 */
public final class InstalledTelemetry {

    /** The system property naming the folder of the telemetry endpoint's jars. */
    public static final String FOLDER_PROPERTY = "pilot.telemetry";
    /** The implementation, outside the agent's own jar in the self-contained agent. */
    static final String IMPLEMENTATION = "dev.pilot.agent.telemetry.prometheus.PrometheusTelemetry";

    private static ClassLoader loader;

    private InstalledTelemetry() {}

    /**
     * A new endpoint, not listening yet.
     *
     * @throws IllegalStateException naming what is missing, when the endpoint's folder or classes are
     */
    public static Telemetry create() {
        ClassLoader from;
        try {
            from = loader();
        } catch (UncheckedIOException e) {
            throw new IllegalStateException("telemetry: " + e.getMessage() + " (" + e.getCause().getClass().getSimpleName()
                    + "): the endpoint's jars are not installed", e);
        }
        try {
            Class<?> implementation = Class.forName(IMPLEMENTATION, true, from);
            if (from instanceof URLClassLoader && implementation.getClassLoader() != from) {
                throw new IllegalStateException("telemetry: expected " + IMPLEMENTATION + " only in the folder -D"
                        + FOLDER_PROPERTY + "=" + System.getProperty(FOLDER_PROPERTY) + ", found it among the agent's classes");
            }
            return (Telemetry) implementation.getConstructor().newInstance();
        } catch (ClassNotFoundException | NoClassDefFoundError e) {
            throw new IllegalStateException("telemetry: the endpoint's classes are missing (expected them in "
                    + where() + "): " + e.getMessage(), e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder's class loader, made once (a reload may start telemetry again), or the agent's own. */
    private static synchronized ClassLoader loader() {
        if (loader == null) {
            String folder = System.getProperty(FOLDER_PROPERTY);
            loader = folder == null || folder.isBlank() ? InstalledTelemetry.class.getClassLoader()
                    : JarFolder.loader("pilot-telemetry", Path.of(folder), InstalledTelemetry.class.getClassLoader(),
                            "the telemetry folder (-D" + FOLDER_PROPERTY + ")");
        }
        return loader;
    }

    private static String where() {
        String folder = System.getProperty(FOLDER_PROPERTY);
        return folder == null || folder.isBlank() ? "the class path" : "the folder " + folder;
    }
}
