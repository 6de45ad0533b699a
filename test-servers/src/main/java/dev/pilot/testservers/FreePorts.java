package dev.pilot.testservers;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * port; and no other JVM on the machine hands it out while this one runs: each port handed out is
 * claimed with a lock on a file named after it (in {@code pilot-ports} under the temporary
 * directory), held until this JVM exits. So test JVMs that run at once (Maven modules built in
 * parallel, two builds) never take a port from a server that is stopped for a moment. Thread-safe.
 */
public final class FreePorts {

    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_767;
    private static final int ATTEMPTS = 1_000;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** The claims this JVM holds; never released, so that the port stays this JVM's until it exits. */
    private static final Set<FileLock> CLAIMS = ConcurrentHashMap.newKeySet();

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
            if (isFree(port) && HANDED_OUT.add(port) && claim(port)) {
                return port;
            }
        }
        throw new IllegalStateException("found no free port on 127.0.0.1 in " + LOWEST + "-" + HIGHEST
                + " after " + ATTEMPTS + " tries");
    }

    /** The folder of the claim files, made once, the first time a port is claimed. */
    private static final class ClaimFolder {
        static final Path PATH = ServerFiles.ensureDirectory(Path.of(System.getProperty("java.io.tmpdir"), "pilot-ports"));
    }

    /** Claims {@code port} for this JVM; false when another JVM holds it. */
    static boolean claim(int port) {
        Path file = ClaimFolder.PATH.resolve(Integer.toString(port));
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            return false; // not ours to claim (another user's file): try another port
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                CLAIMS.add(lock);
                return true;
            }
        } catch (OverlappingFileLockException | IOException e) {
            // held: try another port
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was claimed
        }
        return false;
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
