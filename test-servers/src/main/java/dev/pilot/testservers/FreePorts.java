package dev.pilot.testservers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free ports on 127.0.0.1 for the servers that tests start.
 *
 * <p>Ports come from {@value #LOWEST}–{@value #HIGHEST}, below Linux's ephemeral range
 * (32768–60999), so the kernel never hands one of them to an outgoing connection between the
 * pick and the server's bind, nor while a server is stopped for a fault test and waits to come
 * back on the same port. A port is free when both TCP and UDP can bind it (Consul's Serf
 * listens on both). This JVM never hands out the same port twice, so a stopped server keeps its
 * port. Thread-safe.
 */
public final class FreePorts {

    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_767;
    private static final int ATTEMPTS = 1_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /**
     * Returns a port that is free on 127.0.0.1 right now and that this JVM has not handed out
     * before. Also what a test of an unreachable server points its client at.
     *
     * @throws IllegalStateException when no free port turned up after many tries
     */
    public static int pick() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = random.nextInt(LOWEST, HIGHEST + 1);
            if (isFree(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no free port on 127.0.0.1 in " + LOWEST + "-" + HIGHEST
                + " after " + ATTEMPTS + " tries");
    }

    /** Whether both TCP and UDP can bind {@code port} on 127.0.0.1 at this moment. */
    static boolean isFree(int port) {
        InetSocketAddress address = new InetSocketAddress(LOOPBACK, port);
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.setReuseAddress(true);
            tcp.bind(address);
            udp.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
