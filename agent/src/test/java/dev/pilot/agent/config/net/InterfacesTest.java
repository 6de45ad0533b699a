package dev.pilot.agent.config.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class InterfacesTest {

    private static HostAddress at(String nic, String address) {
        return new HostAddress(nic, InetAddress.ofLiteral(address));
    }

    private static final List<HostAddress> HOST = List.of(
            at("lo", "127.0.0.1"), at("lo", "::1"),
            at("eth0", "192.0.2.2"), at("eth0", "fd00::2"), at("eth0", "fe80::fc:ff:fe00:1"),
            at("eth1", "10.1.0.7"), at("docker0", "172.17.0.1"));

    private final Interfaces interfaces = new Interfaces(() -> HOST.stream().sorted(HostAddress.ORDER).toList());

    private String resolve(String... specs) {
        return interfaces.resolve("interfaces", List.of(specs));
    }

    @Test
    void addressesAreOrderedByInterfaceThenSixteenBytes() {
        List<String> order = HOST.stream().sorted(HostAddress.ORDER)
                .map(a -> a.interfaceName() + "=" + HostAddress.format(a.address())).toList();
        assertThat(order).containsExactly("docker0=172.17.0.1", "eth0=192.0.2.2", "eth0=fd00::2",
                "eth0=fe80::fc:ff:fe00:1", "eth1=10.1.0.7", "lo=::1", "lo=127.0.0.1");
    }

    @Test
    void eachKindOfSpec() {
        assertThat(resolve("eth0")).isEqualTo("192.0.2.2");
        assertThat(resolve("eth0:inet6")).isEqualTo("fd00::2");
        assertThat(resolve("eth0[2]")).isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(resolve("inet")).as("first non-loopback IPv4").isEqualTo("172.17.0.1");
        assertThat(resolve("inet6")).isEqualTo("fd00::2");
        assertThat(resolve("10.0.0.0/8")).isEqualTo("10.1.0.7");
        assertThat(resolve("fe80::/10")).isEqualTo("fe80::fc:ff:fe00:1");
        assertThat(resolve("static:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(resolve("lo")).as("loopback allowed by name").isEqualTo("127.0.0.1");
        assertThat(resolve("lo:inet6")).isEqualTo("::1");
    }

    @Test
    void theFirstMatchingSpecWins() {
        assertThat(resolve("eth9", "eth1", "eth0")).isEqualTo("10.1.0.7");
        assertThat(resolve("eth0[7]", "192.168.0.0/16", "static:1.2.3.4")).isEqualTo("1.2.3.4");
    }

    @Test
    void theDefaultIsEth0Inet() {
        assertThat(interfaces.resolve("interfaces", List.of())).isEqualTo("192.0.2.2");
    }

    @Test
    void ipv6IsPrintedAsGoPrintsIt() {
        assertThat(HostAddress.format(InetAddress.ofLiteral("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(HostAddress.format(InetAddress.ofLiteral("::"))).isEqualTo("::");
        assertThat(HostAddress.format(InetAddress.ofLiteral("fd00:0:0:0:0:0:0:0"))).isEqualTo("fd00::");
        assertThat(HostAddress.format(InetAddress.ofLiteral("1:2:3:4:5:6:7:8"))).isEqualTo("1:2:3:4:5:6:7:8");
    }
}
