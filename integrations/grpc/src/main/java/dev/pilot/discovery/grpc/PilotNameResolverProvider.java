package dev.pilot.discovery.grpc;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Upstream;
import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;
import io.grpc.NameResolverRegistry;
import java.net.URI;
import java.util.Objects;

/**
 * gRPC name resolution through a Pilot backend: {@code pilot:///<service>[?tag=<tag>]} resolves
 * to the healthy instances of {@code service} (with {@code tag}), kept current by a watch — every
 * change the catalog pushes reaches the channel at once, so round-robin routes to a new instance,
 * and stops routing to a departed one, without a new channel or a re-resolution interval.
 *
 * <p>Which backend, first match wins:
 * <ol>
 *   <li>the channel's own: {@code builder.setNameResolverArg(PilotNameResolverProvider.BACKEND, backend)};</li>
 *   <li>the provider's: {@code NameResolverRegistry.getDefaultRegistry().register(new PilotNameResolverProvider(backend))}
 *       (priority 6, above the one {@link java.util.ServiceLoader} finds);</li>
 *   <li>properties, for the provider {@code ServiceLoader} finds on the class path: exactly one
 *       {@code pilot.discovery.<backend>} system property (a value, or keys under it), e.g.
 *       {@code -Dpilot.discovery.consul=127.0.0.1:8500} or {@code -Dpilot.discovery.local=/var/run/pilot-catalog},
 *       or the same keys in a file named by {@code -Dpilot.discovery.config=/etc/pilot.properties}.
 *       The backend is created for the first channel and closed after the last one shuts down.</li>
 * </ol>
 * A backend handed over by the application stays the application's to close. A wrong target
 * or configuration fails {@code build()} with one line naming the key or target.
 *
 * <p>Each address carries its {@link PilotAttributes#INSTANCE instance} (tags, metadata); an
 * instance that advertises {@link PilotAttributes#GRPC_PORT grpc-port} in its metadata is called
 * on that port. Thread-safe.
 */
public final class PilotNameResolverProvider extends NameResolverProvider {

    /** The channel's backend, set with {@code ManagedChannelBuilder.setNameResolverArg}. */
    public static final NameResolver.Args.Key<ServiceBackend> BACKEND = NameResolver.Args.Key.create("pilot.backend");

    private final ServiceBackend backend;
    private final int priority;

    /** The provider {@link java.util.ServiceLoader} finds: the backend comes from the channel or from properties. */
    public PilotNameResolverProvider() {
        this.backend = null;
        this.priority = 5;
    }

    /**
     * A provider that resolves through {@code backend} (unless a channel names its own), to
     * {@link NameResolverRegistry#register register}; the application keeps closing it.
     */
    public PilotNameResolverProvider(ServiceBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.priority = 6;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!PilotTarget.SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        Upstream upstream = PilotTarget.parse(targetUri);
        ServiceBackend own = args.getArg(BACKEND);
        SharedBackends.Lease lease;
        if (own != null) {
            lease = SharedBackends.borrowed(own);
        } else if (backend != null) {
            lease = SharedBackends.borrowed(backend);
        } else {
            try {
                lease = SharedBackends.configured();
            } catch (ConfigException e) {
                throw new IllegalArgumentException("target '" + targetUri + "': no backend given to the channel, and "
                        + e.getMessage(), e);
            }
        }
        try {
            lease.backend().checkName("target", upstream.name());
        } catch (ConfigException e) {
            lease.release();
            throw new IllegalArgumentException("target '" + targetUri + "': " + e.getMessage(), e);
        }
        return new PilotNameResolver(upstream, lease, args.getSynchronizationContext());
    }

    @Override
    public String getDefaultScheme() {
        return PilotTarget.SCHEME;
    }

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return priority;
    }
}
