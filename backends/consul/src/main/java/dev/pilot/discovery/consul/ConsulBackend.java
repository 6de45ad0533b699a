package dev.pilot.discovery.consul;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.LastKnownSets;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.UpstreamTracker;
import dev.pilot.discovery.UpstreamWatchers;
import dev.pilot.discovery.Watch;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code consul} backend: a client of one Consul agent's HTTP API.
 *
 * <ul>
 *   <li><b>Heartbeat</b>: the first heartbeat of a definition (or of a changed one) registers the
 *       service with its TTL check ({@link Registration}), ends any maintenance a previous process
 *       left, and passes the check; later heartbeats only pass the check. When the agent no longer
 *       knows the check (it restarted or lost its data, or someone deregistered the service), the
 *       heartbeat registers again and passes.</li>
 *   <li><b>Maintenance</b> is Consul's own maintenance mode: the registration stays, with a critical
 *       {@code _service_maintenance} check that takes it out of the passing set; the next heartbeat
 *       registers again, which ends it.</li>
 *   <li><b>Upstreams</b> are {@code /v1/health/service/{name}?passing&tag={tag}}. A watch is a
 *       {@link BlockingQuery}, one per watched (name, tag) however many listeners;
 *       {@link #checkForUpstreamChanges} reads the watched set when there is one, so polling a
 *       watched upstream costs no request.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ConsulBackend implements ServiceBackend {

    private final ConsulConfig config;
    private final ConsulHttp http;
    private final ConsulAgent agent;
    private final UpstreamTracker tracker = new UpstreamTracker();
    private final UpstreamWatchers watchers = new UpstreamWatchers(this::startQuery);
    /** What this object last registered, by service ID: a heartbeat of the same definition only passes the check. */
    private final ConcurrentMap<String, ServiceDefinition> registered = new ConcurrentHashMap<>();
    /** The last set read for each upstream, served while the agent cannot be reached. */
    private final LastKnownSets lastKnown = new LastKnownSets();
    private volatile boolean closed;

    ConsulBackend(ConsulConfig config) {
        this.config = config;
        this.http = new ConsulHttp(config);
        this.agent = new ConsulAgent(http, config);
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
        requireOpen();
        if (!service.equals(registered.get(service.id())) || !agent.passTtl(service)) {
            register(service);
        }
    }

    private void register(ServiceDefinition service) {
        agent.register(service);
        agent.maintenance(service, false);
        if (!agent.passTtl(service)) {
            throw http.failure("the agent does not know the TTL check of " + service.id() + " right after registering it");
        }
        registered.put(service.id(), service);
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        requireOpen();
        registered.remove(service.id());
        agent.maintenance(service, true);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        requireOpen();
        registered.remove(service.id());
        agent.deregister(service);
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        requireOpen();
        Upstream upstream = new Upstream(name, tag);
        Optional<List<Instance>> watched = watchers.current(upstream);
        if (watched.isPresent()) {
            return tracker.update(upstream, watched.get());
        }
        return tracker.check(upstream, () -> read(upstream));
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        requireOpen();
        Upstream upstream = new Upstream(name, tag);
        return lastKnown.read(upstream, () -> read(upstream));
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        requireOpen();
        return watchers.add(new Upstream(name, tag), listener);
    }

    /** Ends every blocking query at once (aborting requests in flight) and stops the HTTP client. */
    @Override
    public void close() {
        closed = true;
        watchers.close();
        http.close();
    }

    @Override
    public String toString() {
        return "ConsulBackend[" + config + "]";
    }

    private List<Instance> read(Upstream upstream) {
        List<Instance> healthy = agent.healthy(upstream, 0, config.watchWait()).instances();
        lastKnown.remember(upstream, healthy);
        return healthy;
    }

    private UpstreamWatchers.Source startQuery(Upstream upstream) {
        return BlockingQuery.start(upstream, agent, config.watchWait(), healthy -> {
            lastKnown.remember(upstream, healthy);
            watchers.publish(upstream, healthy);
        });
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the consul backend for " + config.address() + " is closed");
        }
    }
}
