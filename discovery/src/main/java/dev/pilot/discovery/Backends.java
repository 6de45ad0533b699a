package dev.pilot.discovery;

import java.util.Collections;
import java.util.EnumSet;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The registry of backends by name: ContainerPilot's {@code RegisterBackend},
 * {@code GetBackends} and {@code GetConfigHook}, as an object rather than process-global state.
 *
 * <p>{@link #fromClassPath()} fills a registry with every {@link BackendProvider} that
 * {@link ServiceLoader} finds; {@link #register} adds more by hand.
 *
 * <p>Thread-safe.
 */
public final class Backends {

    private record Entry(ConfigHook hook, Set<Capability> capabilities) {}

    private final TreeMap<String, Entry> entries = new TreeMap<>();

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
     * Registers {@code hook} under {@code name}.
     *
     * @throws IllegalStateException when {@code name} is taken
     */
    public void register(String name, ConfigHook hook) {
        register(name, hook, EnumSet.noneOf(Capability.class));
    }

    /** Registers a provider under its own name, with its capabilities. */
    public void register(BackendProvider provider) {
        register(provider.name(), provider, provider.capabilities());
    }

    private synchronized void register(String name, ConfigHook hook, Set<Capability> capabilities) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("backend name: expected a non-blank name, got '" + name + "'");
        }
        if (entries.containsKey(name)) {
            throw new IllegalStateException("backend '" + name + "' is already registered; registered backends: "
                    + entries.keySet());
        }
        entries.put(name, new Entry(hook, capabilities.isEmpty()
                ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(capabilities))));
    }

    /** The registered names, sorted. */
    public synchronized SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(entries.keySet()));
    }

    /** Whether a backend is registered under {@code name}. */
    public synchronized boolean contains(String name) {
        return entries.containsKey(name);
    }

    /**
     * The config hook registered under {@code name}.
     *
     * @throws ConfigException naming the registered backends when there is none by that name
     */
    public synchronized ConfigHook hook(String name) {
        return entry(name).hook();
    }

    /** What the backend registered under {@code name} does natively. */
    public synchronized Set<Capability> capabilities(String name) {
        return entry(name).capabilities();
    }

    /**
     * Checks a service's options block for backend {@code name}
     * ({@link BackendProvider#checkServiceOptions}); a backend registered by hook alone has none.
     *
     * @throws ConfigException naming {@code path} when the block is wrong
     */
    public void checkServiceOptions(String name, String path, Object block) {
        ConfigHook hook = hook(name);
        if (hook instanceof BackendProvider provider) {
            provider.checkServiceOptions(path, block);
        } else {
            throw new ConfigException(path, "the " + name + " backend has no per-service options");
        }
    }

    /** Creates the backend {@code name} from its raw configuration. */
    public ServiceBackend create(String name, Object raw) {
        return hook(name).create(raw);
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new ConfigException(String.valueOf(name),
                    "unknown backend; expected one of " + entries.keySet());
        }
        return entry;
    }
}
