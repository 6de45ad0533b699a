package dev.pilot.discovery.consul;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.CatalogBackend;
import dev.pilot.discovery.spi.PathSegments;
import dev.pilot.discovery.spi.UpstreamCache;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The {@code consul} backend: a client of one Consul agent's HTTP API ({@link ConsulApi}).
 *
 * <ul>
 *   <li><b>Heartbeat and maintenance</b>: services registered with TTL checks, Consul's own
 *       maintenance mode ({@link ConsulRegistrations}).</li>
 *   <li><b>Upstreams</b> are {@code /v1/health/service/{name}?passing&tag={tag}}. The first
 *       {@value #DEDICATED_WATCHES} watched upstreams get a {@link BlockingQuery} each; the others
 *       share one {@link ConsulSharedWatch}, two blocking queries however many they are, so the
 *       connections a backend holds stay bounded. Polling a watched upstream costs no request.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ConsulBackend extends CatalogBackend {

    static final Set<Capability> CAPABILITIES = Set.of(Capability.TAG_FILTER, Capability.NATIVE_TTL,
            Capability.NATIVE_MAINTENANCE, Capability.PUSH_WATCH, Capability.METADATA);

    /**
     * How many upstreams get a blocking query of their own, the quickest push (one answer per
     * change); the others share the {@link ConsulSharedWatch}, whose two queries cost one more read
     * per change but no connection per watch.
     */
    static final int DEDICATED_WATCHES = 8;

    private final ConsulConfig config;
    private final ConsulHttp http;
    private final ConsulApi api;
    private final ConsulRegistrations registrations;
    private final Semaphore dedicated;

    ConsulBackend(ConsulConfig config) {
        this(config, DEDICATED_WATCHES);
    }

    /** @param dedicatedWatches how many upstreams get a blocking query of their own */
    ConsulBackend(ConsulConfig config, int dedicatedWatches) {
        super(ConsulBackendProvider.NAME, "the consul backend for " + config.address(), CAPABILITIES);
        this.config = config;
        this.dedicated = new Semaphore(dedicatedWatches);
        this.http = new ConsulHttp(config);
        this.api = new ConsulApi(http, config);
        this.registrations = new ConsulRegistrations(api, config);
        shareWatches(watched -> new ConsulSharedWatch(api, config.watchWait(), watched));
    }

    /** A name is one segment of {@code /v1/health/service/{name}} and {@code /v1/agent/check/pass/{id}}. */
    @Override
    public void checkName(String key, String name) {
        PathSegments.check(key, name, "?#");
    }

    @Override
    protected void register(ServiceDefinition service) {
        registrations.heartbeat(service);
    }

    @Override
    protected void maintenance(ServiceDefinition service) {
        registrations.maintenance(service);
    }

    @Override
    protected void remove(ServiceDefinition service) {
        registrations.deregister(service);
    }

    @Override
    protected List<Instance> read(Upstream upstream) {
        return api.healthy(upstream, 0, config.watchWait()).instances();
    }

    /** A blocking query of its own while one is free, else a place in the shared watch. */
    @Override
    protected UpstreamCache.Source startWatch(Upstream upstream, Consumer<List<Instance>> sink) {
        if (!dedicated.tryAcquire()) {
            return super.startWatch(upstream, sink);
        }
        UpstreamCache.Source query = BlockingQuery.start(upstream, api, config.watchWait(), sink);
        return () -> {
            query.close();
            dedicated.release();
        };
    }

    /** Ends the blocking queries at once (aborting requests in flight) and stops the HTTP client. */
    @Override
    protected void closeCatalog() {
        http.close();
    }

    @Override
    public String toString() {
        return "ConsulBackend[" + config + "]";
    }
}
