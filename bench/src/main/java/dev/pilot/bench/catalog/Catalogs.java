package dev.pilot.bench.catalog;

import dev.pilot.bench.catalog.consul.ConsulCatalog;
import dev.pilot.bench.catalog.etcd.EtcdCatalog;
import dev.pilot.bench.catalog.local.LocalCatalog;
import dev.pilot.bench.catalog.zookeeper.ZooKeeperCatalog;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogs of one run, by backend name: each server is started on first use and stopped by
 * {@link #close}, so measurements share one server per backend. Not thread-safe: the runner
 * opens catalogs from one thread.
 */
public final class Catalogs implements AutoCloseable {

    /** Every backend the benchmarks know how to measure, in report order. */
    public static final java.util.List<String> ALL = java.util.List.of("local", "consul", "etcd", "zookeeper");

    private final Map<String, Catalog> open = new LinkedHashMap<>();
    private final Map<String, String> versions = new LinkedHashMap<>();

    /**
     * The catalog of {@code backend}, starting its server if needed.
     *
     * @throws IllegalStateException when its server cannot be started (the message says why)
     */
    public Catalog open(String backend) {
        Catalog catalog = open.get(backend);
        if (catalog == null) {
            catalog = start(backend);
            open.put(backend, catalog);
        }
        return catalog;
    }

    /**
     * Stops the server of {@code backend} and forgets it, so that the next {@link #open} starts a
     * fresh one: cheaper than deleting thousands of registrations one by one (Consul takes about a
     * minute for 2 000).
     */
    public void discard(String backend) {
        Catalog catalog = open.remove(backend);
        if (catalog != null) {
            versions.put(backend, catalog.serverVersion());
            catalog.close();
        }
    }

    /** The server version of each catalog opened so far. */
    public Map<String, String> serverVersions() {
        Map<String, String> all = new LinkedHashMap<>(versions);
        open.forEach((backend, catalog) -> all.put(backend, catalog.serverVersion()));
        return all;
    }

    private static Catalog start(String backend) {
        return switch (backend) {
            case "local" -> LocalCatalog.create();
            case "consul" -> ConsulCatalog.start();
            case "etcd" -> EtcdCatalog.start();
            case "zookeeper" -> ZooKeeperCatalog.start();
            default -> throw new IllegalArgumentException("backend: expected one of " + ALL + ", got '" + backend + "'");
        };
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Catalog catalog : open.values()) {
            try {
                catalog.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        open.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
