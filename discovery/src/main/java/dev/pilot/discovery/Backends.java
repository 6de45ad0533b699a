package dev.pilot.discovery;

import dev.pilot.discovery.spi.BackendProvider;

import java.util.Collections;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry of backends by name: ContainerPilot's {@code RegisterBackend},
 * {@code GetBackends} and {@code GetConfigHook}, as an object rather than process-global state.
 *
 * <p>{@link #fromClassPath()} fills a registry with every {@link BackendProvider} that
 * {@link ServiceLoader} finds; {@link #register} adds more by hand. What a backend does natively
 * is asked of the backend itself ({@link ServiceBackend#capabilities()}).
 *
 * <p>Thread-safe.
 */
public final class Backends {

    private final TreeMap<String, BackendProvider> providers = new TreeMap<>();

    /** An empty registry. */
    public Backends() {}

    /** A registry holding every backend provider on the class path of this class's loader. */
    public static Backends fromClassPath() {
        return fromClassPath(Backends.class.getClassLoader());
    }

    /** A registry holding every backend provider that {@code loader} can see. */
    public static Backends fromClassPath(ClassLoader loader) {
        Backends backends = new Backends();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, loader)) {
            backends.register(provider);
        }
        return backends;
    }

    /**
     * Registers a provider under its own name.
     *
     * @throws IllegalStateException when the name is taken
     */
    public synchronized void register(BackendProvider provider) {
        String name = provider.name();
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("backend name: expected a non-blank name, got '" + name + "'");
        }
        if (providers.containsKey(name)) {
            throw new IllegalStateException("backend '" + name + "' is already registered; registered backends: "
                    + providers.keySet());
        }
        providers.put(name, provider);
    }

    /** The registered names, sorted: ContainerPilot's {@code GetBackends}. */
    public synchronized SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(providers.keySet()));
    }

    /** Whether a backend is registered under {@code name}. */
    public synchronized boolean contains(String name) {
        return providers.containsKey(name);
    }

    /**
     * Checks a service's options block for backend {@code name}
     * ({@link BackendProvider#checkServiceOptions}).
     *
     * @throws ConfigException naming {@code path} when the block is wrong, or naming the registered
     *                         backends when there is none by that name
     */
    public void checkServiceOptions(String name, String path, Object block) {
        provider(name).checkServiceOptions(path, block);
    }

    /**
     * Creates the backend {@code name} from its raw configuration: ContainerPilot's config hook.
     *
     * @throws ConfigException when the configuration is wrong, or naming the registered backends
     *                         when there is none by that name
     */
    public ServiceBackend create(String name, Object raw) {
        return provider(name).create(raw);
    }

    private synchronized BackendProvider provider(String name) {
        BackendProvider provider = providers.get(name);
        if (provider == null) {
            throw new ConfigException(String.valueOf(name),
                    "unknown backend; expected one of " + providers.keySet());
        }
        return provider;
    }
}
