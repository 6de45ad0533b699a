package dev.pilot.discovery.consul;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ClosedGuard;
import dev.pilot.discovery.Instance;
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
 *       {@link UpstreamCache} keeps them: a watch is a {@link BlockingQuery}, one per watched
 *       (name, tag) however many listeners; polling a watched upstream costs no request.</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class ConsulBackend implements ServiceBackend {

    private final ConsulConfig config;
    private final ConsulHttp http;
    private final ConsulAgent agent;
    private final ClosedGuard guard;
    private final UpstreamCache upstreams;
    /** What this object last registered, by service ID: a heartbeat of the same definition only passes the check. */
    private final ConcurrentMap<String, ServiceDefinition> registered = new ConcurrentHashMap<>();

    ConsulBackend(ConsulConfig config) {
        this.config = config;
        this.http = new ConsulHttp(config);
        this.agent = new ConsulAgent(http, config);
        this.guard = new ClosedGuard("the consul backend for " + config.address());
        this.upstreams = new UpstreamCache(
                upstream -> agent.healthy(upstream, 0, config.watchWait()).instances(),
                (upstream, sink) -> BlockingQuery.start(upstream, agent, config.watchWait(), sink));
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

    /** Ends every blocking query at once (aborting requests in flight) and stops the HTTP client. */
    @Override
    public void close() {
        if (guard.close()) {
            upstreams.close();
            http.close();
        }
    }

    @Override
    public String toString() {
        return "ConsulBackend[" + config + "]";
    }
}
