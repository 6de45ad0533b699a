package dev.pilot.discovery.grpc;

import dev.pilot.discovery.Instance;
import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A healthy set as gRPC addresses: one {@link EquivalentAddressGroup} per instance, in the set's
 * order (by id), at the instance's {@link PilotAttributes#GRPC_PORT grpc-port} when it advertises
 * one, else its port, with the instance as {@link PilotAttributes#INSTANCE}.
 */
final class Addresses {

    private static final System.Logger LOG = System.getLogger(Addresses.class.getName());

    private Addresses() {}

    static List<EquivalentAddressGroup> of(List<Instance> healthy) {
        List<EquivalentAddressGroup> groups = new ArrayList<>(healthy.size());
        for (Instance instance : healthy) {
            Integer port = port(instance);
            if (port == null) {
                continue;
            }
            // An IP literal is parsed without a lookup; a host name is resolved here, once per delivery.
            InetSocketAddress address = new InetSocketAddress(instance.address(), port);
            if (address.isUnresolved()) {
                LOG.log(System.Logger.Level.WARNING, "instance " + instance.id() + " of " + instance.name()
                        + ": cannot resolve its address '" + instance.address() + "'; leaving it out");
                continue;
            }
            groups.add(new EquivalentAddressGroup(address,
                    Attributes.newBuilder().set(PilotAttributes.INSTANCE, instance).build()));
        }
        return groups;
    }

    /** The gRPC port of {@code instance}; null (and a warning) when its grpc-port is not a port. */
    static Integer port(Instance instance) {
        String advertised = instance.meta().get(PilotAttributes.GRPC_PORT);
        if (advertised == null) {
            return instance.port();
        }
        try {
            int port = Integer.parseInt(advertised.strip());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "instance " + instance.id() + " of " + instance.name() + ": meta "
                + PilotAttributes.GRPC_PORT + ": expected a port 1-65535, got '" + advertised + "'; leaving it out");
        return null;
    }
}
