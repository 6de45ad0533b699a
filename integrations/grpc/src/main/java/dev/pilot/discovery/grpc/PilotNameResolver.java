package dev.pilot.discovery.grpc;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.UpstreamListener;
import dev.pilot.discovery.Watch;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.StatusOr;
import io.grpc.SynchronizationContext;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Resolves one {@code pilot:} target with a {@link ServiceBackend#watch watch}: every set the
 * watch delivers goes to the channel at once, as a new address list.
 *
 * <ul>
 *   <li>An empty set is an empty address list (gRPC fails calls with UNAVAILABLE, or holds
 *       wait-for-ready calls, until an instance comes back).</li>
 *   <li>An outage ({@link UpstreamListener#onStale}) keeps the addresses last delivered: the
 *       channel goes on routing on them, and a warning is logged. Only when no set was ever
 *       delivered does the channel hear an error (UNAVAILABLE, with the catalog's message).</li>
 *   <li>{@link #refresh()} (gRPC asks after connections fail) hands the last set again: the watch
 *       keeps it current, so no request is needed.</li>
 * </ul>
 *
 * All calls to the channel's listener run in the channel's {@link SynchronizationContext}.
 */
final class PilotNameResolver extends NameResolver {

    private static final System.Logger LOG = System.getLogger(PilotNameResolver.class.getName());

    private final Upstream upstream;
    private final SharedBackends.Lease backend;
    private final SynchronizationContext context;
    // The fields below are touched only in the synchronization context.
    private Listener2 listener;
    private List<EquivalentAddressGroup> known;
    private Watch watch;
    private boolean shutdown;

    PilotNameResolver(Upstream upstream, SharedBackends.Lease backend, SynchronizationContext context) {
        this.upstream = upstream;
        this.backend = backend;
        this.context = context;
    }

    @Override
    public String getServiceAuthority() {
        return upstream.name();
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        try {
            this.watch = watch();
        } catch (RuntimeException e) { // a closed backend, say: the channel hears it rather than a thrown error
            listener.onError(Status.UNAVAILABLE.withDescription("pilot:///" + target() + ": cannot watch: " + e.getMessage())
                    .withCause(e));
        }
    }

    private Watch watch() {
        return backend.backend().watch(upstream.name(), upstream.tag(), new UpstreamListener() {
            @Override
            public void onChange(List<Instance> healthy) {
                List<EquivalentAddressGroup> addresses = Addresses.of(healthy);
                context.execute(() -> deliver(addresses));
            }

            @Override
            public void onStale(DiscoveryException cause) {
                context.execute(() -> stale(cause));
            }

            @Override
            public void onRecovered() {
                context.execute(() -> LOG.log(Level.INFO, () -> "pilot:///" + target() + ": the catalog answers again"));
            }
        });
    }

    @Override
    public void refresh() {
        if (known != null && !shutdown) {
            listener.onResult2(result(known));
        }
    }

    @Override
    public void shutdown() {
        if (shutdown) {
            return;
        }
        shutdown = true;
        if (watch != null) {
            watch.cancel();
        }
        backend.release();
    }

    private void deliver(List<EquivalentAddressGroup> addresses) {
        if (shutdown) {
            return;
        }
        known = addresses;
        listener.onResult2(result(addresses));
    }

    private void stale(DiscoveryException cause) {
        if (shutdown) {
            return;
        }
        if (known == null) {
            listener.onError(Status.UNAVAILABLE.withDescription("pilot:///" + target() + ": " + cause.getMessage())
                    .withCause(cause));
        } else {
            LOG.log(Level.WARNING, "pilot:///" + target() + ": routing on the last known " + known.size()
                    + " address(es) while the catalog is unreachable: " + cause.getMessage());
        }
    }

    private String target() {
        return upstream.hasTag() ? upstream.name() + "?tag=" + upstream.tag() : upstream.name();
    }

    private static ResolutionResult result(List<EquivalentAddressGroup> addresses) {
        return ResolutionResult.newBuilder().setAddressesOrError(StatusOr.fromValue(addresses)).build();
    }
}
