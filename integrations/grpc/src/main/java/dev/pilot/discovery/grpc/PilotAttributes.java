package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Instance;
import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;

/**
 * What a {@code pilot:} resolver attaches to each address it hands gRPC: the catalog's instance,
 * with its id, tags and metadata, for load-balancing policies and interceptors that route on them.
 *
 * <pre>{@code
 * Instance instance = addressGroup.getAttributes().get(PilotAttributes.INSTANCE);
 * instance.tags(); instance.meta().get("zone");
 * }</pre>
 */
public final class PilotAttributes {

    /** The catalog's instance behind an {@link EquivalentAddressGroup}. */
    public static final Attributes.Key<Instance> INSTANCE = Attributes.Key.create("pilot.instance");

    /**
     * The metadata key an instance may set to advertise its gRPC port when the port it registered
     * is another one (its HTTP port, say): {@code grpc-port}, a number 1–65535. A key of letters,
     * digits and dashes, so every catalog stores it (Consul refuses dots in metadata keys).
     */
    public static final String GRPC_PORT = "grpc-port";

    private PilotAttributes() {}
}
