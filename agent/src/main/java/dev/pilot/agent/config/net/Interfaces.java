package dev.pilot.agent.config.net;

import dev.pilot.discovery.ConfigException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Resolves an {@code interfaces} list to the one address a service advertises: the specs are
 * tried in order and the first that matches wins. The host's addresses are read once, on first use.
 */
public final class Interfaces {

    private final Supplier<List<HostAddress>> source;
    private List<HostAddress> addresses;

    public Interfaces(Supplier<List<HostAddress>> source) {
        this.source = source;
    }

    /** Resolves against this host's interfaces. */
    public static Interfaces ofThisHost() {
        return new Interfaces(HostAddress::ofThisHost);
    }

    /**
     * @param key   the key path of the list, for messages
     * @param specs the specs, ContainerPilot's default ({@code eth0:inet}) when empty
     * @return the address, formatted as Go prints it
     * @throws ConfigException when a spec is malformed or none matches
     */
    public String resolve(String key, List<String> specs) {
        List<String> effective = specs.isEmpty() ? InterfaceSpec.DEFAULT : specs;
        List<InterfaceSpec> parsed = new ArrayList<>();
        for (int i = 0; i < effective.size(); i++) {
            parsed.add(InterfaceSpec.parse(specs.isEmpty() ? key : key + "[" + i + "]", effective.get(i)));
        }
        for (InterfaceSpec spec : parsed) {
            Optional<InetAddress> address = spec instanceof InterfaceSpec.Static s
                    ? Optional.of(s.address()) : spec.pick(addresses());
            if (address.isPresent()) {
                return HostAddress.format(address.get());
            }
        }
        throw new ConfigException(key, "none of the interface specs " + effective
                + " matches an address of this host; its addresses: " + describe(addresses()));
    }

    private synchronized List<HostAddress> addresses() {
        if (addresses == null) {
            addresses = source.get();
        }
        return addresses;
    }

    private static String describe(List<HostAddress> addresses) {
        return addresses.stream().map(a -> a.interfaceName() + "=" + HostAddress.format(a.address())).toList().toString();
    }
}
