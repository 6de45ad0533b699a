package dev.pilot.agent.config.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * One address of one network interface of this host.
 *
 * @param interfaceName the interface's name, e.g. {@code eth0}
 * @param address       the address, without scope
 */
public record HostAddress(String interfaceName, InetAddress address) {

    /** ContainerPilot's order: interface name (bytewise), then the address as 16 bytes. */
    public static final Comparator<HostAddress> ORDER = Comparator.comparing(HostAddress::interfaceName)
            .thenComparing(a -> sixteenBytes(a.address()), Arrays::compareUnsigned);

    /** Every address of every interface of this host, in {@link #ORDER}. */
    public static List<HostAddress> ofThisHost() {
        List<HostAddress> all = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    all.add(new HostAddress(nic.getName(), withoutScope(address)));
                }
            }
        } catch (SocketException e) {
            throw new IllegalStateException("cannot list this host's network interfaces: " + e.getMessage(), e);
        }
        all.sort(ORDER);
        return List.copyOf(all);
    }

    private static InetAddress withoutScope(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sixteenBytes(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        }
        return raw;
    }

    /** An address as Go prints it: dotted IPv4, or IPv6 with the longest zero run compressed. */
    public static String format(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((raw[2 * i] & 0xff) << 8) | (raw[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
