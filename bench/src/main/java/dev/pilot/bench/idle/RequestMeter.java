package dev.pilot.bench.idle;

import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.consul.ConsulCatalog;
import dev.pilot.bench.catalog.etcd.EtcdCatalog;
import dev.pilot.bench.catalog.zookeeper.ZooKeeperCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Counts the requests one client sends to a catalog server, by kind. Consul and ZooKeeper are
 * measured by a counting proxy the client is pointed at; etcd by its own gRPC metrics, since its
 * clients speak HTTP/2 (the JSON gateway's requests become gRPC calls too, and are counted).
 */
interface RequestMeter extends AutoCloseable {

    /** What Pilot's backend is created with so that its requests are counted. */
    Object pilotConfig();

    /** The requests counted so far, by kind. */
    Map<String, Long> counts();

    /** How the requests are counted, for the table. */
    String method();

    @Override
    void close();

    /** The meter for {@code catalog}; none for {@code local}, which has no server. */
    static RequestMeter forCatalog(Catalog catalog) {
        try {
            return switch (catalog) {
                case ConsulCatalog consul -> proxied(new CountingProxy(consul.port(), HttpRequestParser::new),
                        consul::pilotConfigVia, "HTTP requests through a counting proxy");
                case ZooKeeperCatalog zookeeper -> proxied(new CountingProxy(zookeeper.port(), ZooKeeperRequestParser::new),
                        zookeeper::pilotConfigVia, "ZooKeeper requests through a counting proxy");
                case EtcdCatalog etcd -> new EtcdMetrics(etcd);
                default -> throw new IllegalArgumentException(catalog.backend() + " has no server to count requests on");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a counting proxy for " + catalog.backend(), e);
        }
    }

    private static RequestMeter proxied(CountingProxy proxy, java.util.function.Function<String, Object> config, String method) {
        return new RequestMeter() {
            @Override
            public Object pilotConfig() {
                return config.apply(proxy.address());
            }

            @Override
            public Map<String, Long> counts() {
                return proxy.counts().snapshot();
            }

            @Override
            public String method() {
                return method;
            }

            @Override
            public void close() {
                proxy.close();
            }
        };
    }
}
