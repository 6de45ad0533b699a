package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.DiscoveryException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The etcd backend: ContainerPilot 2's layout and JSON on etcd's v3 API.
 *
 * <ul>
 *   <li>An instance is the key {@code {prefix}/{name}/{id}} holding
 *       {@code {"id","name","address","port","tags"}}, attached to a lease with the service's TTL
 *       ({@link Registrations}).</li>
 *   <li>Upstreams are read with one prefix read and filtered by tag here (etcd has no tags);
 *       watches follow an etcd watch of the prefix ({@link ServiceWatch}).</li>
 *   <li>Requests fail over between the configured endpoints and authenticate when a user is
 *       configured ({@link Transport}).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class EtcdBackend implements ServiceBackend {

    static final String NAME = "etcd";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.NATIVE_TTL, Capability.PUSH_WATCH, Capability.METADATA);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdBackend.class);

    private final EtcdApi api;
    private final KeyLayout layout;
    private final EntryDecoder decoder;
    private final Registrations registrations;
    private final UpstreamTracker tracker = new UpstreamTracker();
    private final UpstreamWatchers watchers;
    /** The last set each upstream was read with, served while etcd cannot be reached. */
    private final LastKnownSets lastKnown = new LastKnownSets();

    EtcdBackend(EtcdConfig config) {
        this.api = new EtcdApi(new Transport(config));
        this.layout = new KeyLayout(config.prefix());
        this.decoder = new EntryDecoder(api.address());
        this.registrations = new Registrations(api, layout);
        this.watchers = new UpstreamWatchers(this::startWatch);
        if (config.tls() != null && config.tls().insecureSkipVerify()) {
            LOG.warn("etcd at {}: tls.insecureSkipVerify is set: any server certificate is trusted", api.address());
        }
    }

    private ServiceWatch startWatch(Upstream upstream) {
        return ServiceWatch.start(api, layout, decoder, upstream, watchers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void sendHeartbeat(ServiceDefinition service) {
        registrations.heartbeat(service);
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        Upstream upstream = new Upstream(name, tag);
        return tracker.check(upstream, () -> read(upstream));
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        registrations.remove(service);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        registrations.remove(service);
    }

    @Override
    public List<Instance> instances(String name, String tag) {
        Upstream upstream = new Upstream(name, tag);
        try {
            return read(upstream);
        } catch (DiscoveryException e) {
            Optional<List<Instance>> known = watchers.current(upstream)
                    .or(() -> lastKnown.last(upstream))
                    .or(() -> tracker.lastKnown(upstream));
            return known.orElseThrow(() -> e);
        }
    }

    @Override
    public Watch watch(String name, String tag, UpstreamListener listener) {
        return watchers.add(new Upstream(name, tag), listener);
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void close() {
        watchers.close();
        api.close();
    }

    private List<Instance> read(Upstream upstream) {
        EtcdApi.Range range = api.range(layout.servicePrefix(upstream.name()));
        List<Instance> healthy = ServiceKeys.read(range, decoder).healthy(upstream);
        lastKnown.remember(upstream, healthy);
        return healthy;
    }

    @Override
    public String toString() {
        return "etcd backend at " + api.address();
    }
}
