package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.spi.ClosedGuard;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.PathSegments;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.TlsOptions;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.UpstreamCache;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import java.util.List;
import java.util.Set;
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
 *       all watches follow one etcd watch of the whole prefix, on one connection
 *       ({@link PrefixWatch}); an {@link UpstreamCache} keeps the sets.</li>
 *   <li>Requests fail over between the configured endpoints and authenticate when a user is
 *       configured ({@link Transport}).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class EtcdBackend implements ServiceBackend {

    /** etcd expires leases and pushes changes itself, and the document carries metadata; tags are filtered here. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.NATIVE_TTL, Capability.PUSH_WATCH, Capability.METADATA);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdBackend.class);

    private final EtcdApi api;
    private final KeyLayout layout;
    private final EntryDecoder decoder;
    private final Registrations registrations;
    private final ClosedGuard guard;
    private final PrefixWatch watch;
    private final UpstreamCache upstreams;

    EtcdBackend(EtcdConfig config) {
        this.api = new EtcdApi(new Transport(config));
        this.layout = new KeyLayout(config.prefix());
        this.decoder = new EntryDecoder(api.address());
        this.registrations = new Registrations(api, layout);
        this.guard = new ClosedGuard("the etcd backend at " + api.address());
        this.watch = new PrefixWatch(api, layout, decoder);
        this.upstreams = new UpstreamCache(this::read, watch::add);
        if (config.tls().filter(TlsOptions::insecureSkipVerify).isPresent()) {
            LOG.warn("etcd at {}: tls.insecureSkipVerify is set: any server certificate is trusted", api.address());
        }
    }

    /** A name is one segment of {@code {prefix}/{name}/{id}}: a '/' in it would read as another service's keys. */
    @Override
    public void checkName(String key, String name) {
        PathSegments.check(key, name, "");
    }

    @Override
    public String name() {
        return EtcdBackendProvider.NAME;
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void sendHeartbeat(ServiceDefinition service) {
        guard.check();
        registrations.heartbeat(service);
    }

    @Override
    public boolean checkForUpstreamChanges(String name, String tag) {
        guard.check();
        return upstreams.checkForUpstreamChanges(new Upstream(name, tag));
    }

    @Override
    public void markForMaintenance(ServiceDefinition service) {
        guard.check();
        registrations.remove(service);
    }

    @Override
    public void deregister(ServiceDefinition service) {
        guard.check();
        registrations.remove(service);
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

    @Override
    public void close() {
        if (guard.close()) {
            upstreams.close();
            watch.close();
            api.close();
        }
    }

    private List<Instance> read(Upstream upstream) {
        EtcdApi.Range range = api.range(layout.servicePrefix(upstream.name()));
        return ServiceKeys.read(range, decoder, upstream.name()).healthy(upstream);
    }

    @Override
    public String toString() {
        return "etcd backend at " + api.address();
    }
}
