package dev.pilot.bench.catalog;

import dev.pilot.bench.catalog.consul.ConsulRegistrations;
import dev.pilot.bench.catalog.etcd.EtcdDocuments;
import dev.pilot.bench.catalog.local.LocalDocuments;
import dev.pilot.bench.catalog.zookeeper.ZooKeeperDocuments;
import java.nio.file.Path;
import java.util.Map;

/**
 * Arbitrary bytes where a catalog keeps an instance, written with the server's own client and
 * bypassing Pilot — the raw client of each catalog, for what Pilot must survive reading: an etcd
 * key, a ZooKeeper node, a file of the local catalog, or (Consul, which only stores what it
 * validates) a registration body. The layout is the one the benchmarks' raw clients write.
 */
public interface RawDocuments extends AutoCloseable {

    /** Puts {@code body} as instance {@code id} of {@code service}; false when the server refused it. */
    boolean write(String service, String id, byte[] body);

    /** The document stored for instance {@code id} (empty when there is none), e.g. as the seed of mutations. */
    byte[] read(String service, String id);

    /** Removes every instance of {@code service}. */
    void clear(String service);

    @Override
    void close();

    /** The raw documents of the catalog Pilot's {@code backend} reaches with {@code pilotConfig}. */
    static RawDocuments open(String backend, Object pilotConfig) {
        return switch (backend) {
            case "etcd" -> new EtcdDocuments(String.valueOf(((Map<?, ?>) pilotConfig).get("endpoints")));
            case "zookeeper" -> new ZooKeeperDocuments(String.valueOf(((Map<?, ?>) pilotConfig).get("address")));
            case "local" -> new LocalDocuments(Path.of(String.valueOf(pilotConfig)));
            case "consul" -> new ConsulRegistrations(String.valueOf(((Map<?, ?>) pilotConfig).get("address")));
            default -> throw new IllegalArgumentException("backend: expected consul, etcd, zookeeper or local, got " + backend);
        };
    }
}
