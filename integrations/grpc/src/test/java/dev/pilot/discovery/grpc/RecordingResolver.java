package dev.pilot.discovery.grpc;

import dev.pilot.discovery.ServiceBackend;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@code pilot:} resolver made by the provider as a channel would make it, whose listener
 * records what the channel would hear: each address list (as ports) and each error.
 */
final class RecordingResolver implements AutoCloseable {

    final List<String> heard = new CopyOnWriteArrayList<>();
    final List<List<EquivalentAddressGroup>> results = new CopyOnWriteArrayList<>();
    private final NameResolver resolver;

    /** @param backend the channel's backend; null: the provider finds one from properties */
    RecordingResolver(String target, ServiceBackend backend) {
        SynchronizationContext context = new SynchronizationContext((thread, error) -> heard.add("uncaught " + error));
        NameResolver.Args.Builder args = NameResolver.Args.newBuilder()
                .setDefaultPort(443)
                .setProxyDetector(address -> null)
                .setSynchronizationContext(context)
                .setServiceConfigParser(new NameResolver.ServiceConfigParser() {
                    @Override
                    public NameResolver.ConfigOrError parseServiceConfig(Map<String, ?> config) {
                        return NameResolver.ConfigOrError.fromConfig(config);
                    }
                })
                ;
        if (backend != null) {
            args.setArg(PilotNameResolverProvider.BACKEND, backend);
        }
        resolver = new PilotNameResolverProvider().newNameResolver(URI.create(target), args.build());
        context.execute(() -> resolver.start(new NameResolver.Listener2() {
            @Override
            public void onResult(NameResolver.ResolutionResult result) {
                onResult2(result);
            }

            @Override
            public Status onResult2(NameResolver.ResolutionResult result) {
                List<EquivalentAddressGroup> groups = result.getAddressesOrError().getValue();
                results.add(groups);
                heard.add("addresses " + groups.stream()
                        .map(group -> ((InetSocketAddress) group.getAddresses().get(0)).getPort()).toList());
                return Status.OK;
            }

            @Override
            public void onError(Status error) {
                heard.add("error " + error.getCode() + ": " + error.getDescription());
            }
        }));
    }

    /** The last address list heard. */
    List<EquivalentAddressGroup> last() {
        return results.get(results.size() - 1);
    }

    @Override
    public void close() {
        resolver.shutdown();
    }
}
