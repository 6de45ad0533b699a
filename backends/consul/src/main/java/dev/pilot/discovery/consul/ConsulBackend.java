package dev.pilot.discovery.consul;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ClosedGuard;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.PathSegments;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamCache;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;

/**
 * The {@code consul} backend: a client of one Consul agent's HTTP API.
 *
 * <ul>
 *   <li><b>Heartbeat</b>: the first heartbeat of a definition (or of a changed one) registers the
 *       service with its TTL check ({@link Registration}) and its own Consul options
 *       ({@link ConsulServiceOptions}), ends any maintenance a previous process
 *       left, and passes the check; later heartbeats only pass the check. When the agent no longer
 *       knows the check (it restarted or lost its data, or someone deregistered the service), the
 *       heartbeat registers again and passes.</li>
 *   <li><b>Maintenance</b> is Consul's own maintenance mode: the registration stays, with a critical
 *       {@code _service_maintenance} check that takes it out of the passing set; the next heartbeat
 *       registers again, which ends it.</li>
 *   <li><b>Upstreams</b> are {@code /v1/health/service/{name}?passing&tag={tag}}. An
 *       {@link UpstreamCache} keeps them. The first {@value #DEDICATED_WATCHES} watched upstreams
 *       get a {@link BlockingQuery} each; the others share one {@link CatalogWatch}, two blocking
 *       queries however many they are, so the connections a backend holds stay bounded. Polling a
 *       watched upstream costs no request.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ConsulBackend implements ServiceBackend {

    private final ConsulConfig config;
    private final ConsulHttp http;
    private final ConsulAgent agent;
    private final ClosedGuard guard;
    /**
     * How many upstreams get a blocking query of their own, the quickest push (one answer per
     * change); the others share the {@link CatalogWatch}, whose two queries cost one more read per
     * change but no connection per watch.
     */
    static final int DEDICATED_WATCHES = 8;

    private final Semaphore dedicated;
    private final CatalogWatch catalogWatch;
    private final UpstreamCache upstreams;
    /** What this object last registered, by service ID: a heartbeat of the same definition only passes the check. */
    private final ConcurrentMap<String, ServiceDefinition> registered = new ConcurrentHashMap<>();

    ConsulBackend(ConsulConfig config) {
        this(config, DEDICATED_WATCHES);
    }

    /** @param dedicatedWatches how many upstreams get a blocking query of their own */
    ConsulBackend(ConsulConfig config, int dedicatedWatches) {
        this.config = config;
        this.dedicated = new Semaphore(dedicatedWatches);
        this.http = new ConsulHttp(config);
        this.agent = new ConsulAgent(http, config);
        this.guard = new ClosedGuard("the consul backend for " + config.address());
        this.catalogWatch = new CatalogWatch(agent, config.watchWait());
        this.upstreams = new UpstreamCache(
                upstream -> agent.healthy(upstream, 0, config.watchWait()).instances(), this::startWatch);
    }

    /** A blocking query of its own while one is free, else a place in the shared watch. */
    private UpstreamCache.Source startWatch(Upstream upstream, UpstreamCache.Sink sink) {
        if (!dedicated.tryAcquire()) {
            return catalogWatch.add(upstream, sink);
        }
        UpstreamCache.Source query = BlockingQuery.start(upstream, agent, config.watchWait(), sink);
        return () -> {
            query.close();
            dedicated.release();
        };
    }

    /** A name is one segment of {@code /v1/health/service/{name}} and {@code /v1/agent/check/pass/{id}}. */
    @Override
    public void checkName(String key, String name) {
        PathSegments.check(key, name, "?#");
    }

    @Override
    public String name() {
        return ConsulHttp.BACKEND;
    }

    @Override
    public Set<Capability> capabilities() {
        return ConsulBackendProvider.CAPABILITIES;
    }

    @Override
    public void sendHeartbeat(ServiceDefinition service) {
        guard.check();
        if (!service.equals(registered.get(service.id())) || !agent.passTtl(service)) {
            register(service);
        }
    }

    private void register(ServiceDefinition service) {
        agent.register(service, ConsulServiceOptions.of(service, config));
        agent.maintenance(service, false);
        if (!agent.passTtl(service)) {
            throw http.failure("the agent does not know the TTL check of " + service.id() + " right after registering it");
        }
        registered.put(service.id(), service);
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        guard.check();
        registered.remove(service.id());
        agent.maintenance(service, true);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        guard.check();
        registered.remove(service.id());
        agent.deregister(service);
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        guard.check();
        return upstreams.checkForUpstreamChanges(new Upstream(name, tag));
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        guard.check();
        return upstreams.instances(new Upstream(name, tag));
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        guard.check();
        return upstreams.watch(new Upstream(name, tag), listener);
    }

    /** Ends the blocking queries at once (aborting requests in flight) and stops the HTTP client. */
    @Override
    public void close() {
        if (guard.close()) {
            upstreams.close();
            catalogWatch.close();
            http.close();
        }
    }

    @Override
    public String toString() {
        return "ConsulBackend[" + config + "]";
    }
}
