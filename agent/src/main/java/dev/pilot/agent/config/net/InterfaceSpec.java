package dev.pilot.agent.config.net;

import dev.pilot.discovery.ConfigException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of an {@code interfaces} list: which address of this host a service advertises.
 * ContainerPilot's language:
 * <ul>
 *   <li>{@code inet} / {@code inet6}: the first non-loopback IPv4 / IPv6 address of any interface;</li>
 *   <li>{@code eth0} (= {@code eth0:inet}), {@code eth0:inet6}: the first address of that family on the interface;</li>
 *   <li>{@code eth0[1]}: the interface's second address, of either family;</li>
 *   <li>{@code 10.0.0.0/8}, {@code fd00::/8}: the first address inside the network;</li>
 *   <li>{@code static:192.168.1.5}: that address, whether or not the host has it.</li>
 * </ul>
 * "First" follows ContainerPilot's order: interface name, then the address as 16 bytes (IPv4 as
 * {@code ::ffff:a.b.c.d}).
 */
public sealed interface InterfaceSpec {

    /** The address this spec picks from {@code addresses} (sorted), if any. */
    Optional<InetAddress> pick(List<HostAddress> addresses);

    /** ContainerPilot's default when a service names no interfaces. */
    List<String> DEFAULT = List.of("eth0:inet");

    record AnyInterface(Family family) implements InterfaceSpec {
        @Override
        public Optional<InetAddress> pick(List<HostAddress> addresses) {
            return addresses.stream().map(HostAddress::address)
                    .filter(a -> family.matches(a) && !a.isLoopbackAddress()).findFirst();
        }
    }

    record Named(String name, Family family) implements InterfaceSpec {
        @Override
        public Optional<InetAddress> pick(List<HostAddress> addresses) {
            return addresses.stream().filter(a -> a.interfaceName().equals(name)).map(HostAddress::address)
                    .filter(family::matches).findFirst();
        }
    }

    record Indexed(String name, int index) implements InterfaceSpec {
        @Override
        public Optional<InetAddress> pick(List<HostAddress> addresses) {
            List<InetAddress> own = addresses.stream().filter(a -> a.interfaceName().equals(name))
                    .map(HostAddress::address).toList();
            return index < own.size() ? Optional.of(own.get(index)) : Optional.empty();
        }
    }

    record Network(InetAddress network, int prefixLength) implements InterfaceSpec {
        @Override
        public Optional<InetAddress> pick(List<HostAddress> addresses) {
            return addresses.stream().map(HostAddress::address).filter(this::contains).findFirst();
        }

        boolean contains(InetAddress address) {
            byte[] net = network.getAddress();
            byte[] candidate = address.getAddress();
            if (net.length != candidate.length) {
                return false;
            }
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((net[bit / 8] & mask) != (candidate[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Static(InetAddress address) implements InterfaceSpec {
        @Override
        public Optional<InetAddress> pick(List<HostAddress> addresses) {
            return Optional.of(address);
        }
    }

    enum Family {
        INET, INET6;

        boolean matches(InetAddress address) {
            return this == INET ? address instanceof Inet4Address : address instanceof Inet6Address;
        }
    }

    Pattern NAMED = Pattern.compile("(\\w+)(?::(inet6?))?");
    Pattern INDEXED = Pattern.compile("(\\w+)\\[(\\d{1,4})]");

    /**
     * @param key the key path of the spec, for the message
     * @throws ConfigException when {@code spec} is not in the language above
     */
    static InterfaceSpec parse(String key, String spec) {
        String text = spec.trim();
        if (text.equals("inet")) {
            return new AnyInterface(Family.INET);
        }
        if (text.equals("inet6")) {
            return new AnyInterface(Family.INET6);
        }
        if (text.startsWith("static:")) {
            return new Static(literal(key, spec, text.substring("static:".length())));
        }
        if (text.contains("/")) {
            String[] parts = text.split("/", 2);
            InetAddress network = literal(key, spec, parts[0]);
            int bits = network.getAddress().length * 8;
            if (!parts[1].matches("\\d{1,3}") || Integer.parseInt(parts[1]) > bits) {
                throw invalid(key, spec);
            }
            return new Network(network, Integer.parseInt(parts[1]));
        }
        Matcher indexed = INDEXED.matcher(text);
        if (indexed.matches()) {
            return new Indexed(indexed.group(1), Integer.parseInt(indexed.group(2)));
        }
        Matcher named = NAMED.matcher(text);
        if (named.matches()) {
            return new Named(named.group(1), "inet6".equals(named.group(2)) ? Family.INET6 : Family.INET);
        }
        throw invalid(key, spec);
    }

    private static InetAddress literal(String key, String spec, String address) {
        // ofLiteral also takes inet_aton's short forms ("1.2.3"), which Go rejects
        if (!address.contains(":") && !address.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            throw invalid(key, spec);
        }
        try {
            return InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw invalid(key, spec);
        }
    }

    private static ConfigException invalid(String key, String spec) {
        return new ConfigException(key, "expected an interface spec (inet, inet6, NAME, NAME:inet6, NAME[i], "
                + "a CIDR such as 10.0.0.0/8, or static:IP), got \"" + spec + "\"");
    }
}
