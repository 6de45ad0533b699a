package dev.pilot.discovery.etcd;

import dev.pilot.discovery.Capability;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.TlsOptions;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.CatalogBackend;
import dev.pilot.discovery.spi.PathSegments;
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
 *       ({@link EtcdRegistrations}).</li>
 *   <li>Upstreams are read with one prefix read and filtered by tag here (etcd has no tags);
 *       all watches follow one etcd watch of the whole prefix, on one connection
 *       ({@link EtcdSharedWatch}).</li>
 *   <li>Requests fail over between the configured endpoints and authenticate when a user is
 *       configured ({@link Transport}).</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
final class EtcdBackend extends CatalogBackend {

    /** etcd expires leases and pushes changes itself, and the document carries metadata; tags are filtered here. */
    static final Set<Capability> CAPABILITIES = Set.of(Capability.NATIVE_TTL, Capability.PUSH_WATCH, Capability.METADATA);

    private static final Logger LOG = LoggerFactory.getLogger(EtcdBackend.class);

    private final EtcdApi api;
    private final KeyLayout layout;
    private final EntryDecoder decoder;
    private final LeaseRenewals renewals;
    private final EtcdRegistrations registrations;

    EtcdBackend(EtcdConfig config) {
        this(config, new EtcdApi(new Transport(config)));
    }

    private EtcdBackend(EtcdConfig config, EtcdApi api) {
        super(EtcdBackendProvider.NAME, "the etcd backend at " + api.address(), CAPABILITIES);
        this.api = api;
        this.layout = new KeyLayout(config.prefix());
        this.decoder = new EntryDecoder(api.address());
        this.renewals = new LeaseRenewals(api.address(), api::keepAliveOnce, config.timeout());
        this.registrations = new EtcdRegistrations(api, renewals, layout);
        shareWatches(watched -> new EtcdSharedWatch(api, layout, decoder, watched));
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
    protected void register(ServiceDefinition service) {
        registrations.heartbeat(service);
    }

    @Override
    protected void maintenance(ServiceDefinition service) {
        registrations.remove(service);
    }

    @Override
    protected void remove(ServiceDefinition service) {
        registrations.remove(service);
    }

    @Override
    protected List<Instance> read(Upstream upstream) {
        EtcdApi.Range range = api.range(layout.servicePrefix(upstream.name()));
        return ServiceKeys.read(range, decoder, upstream.name()).healthy(upstream);
    }

    @Override
    protected void closeCatalog() {
        renewals.close();
        api.close();
    }

    @Override
    public String toString() {
        return "etcd backend at " + api.address();
    }
}
