package dev.pilot.discovery.zookeeper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.client.ConnectStringParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an ensemble that came back without its data (wiped, or restored from an older backup)
 * while this client was disconnected, and gives up the session that such an ensemble refuses.
 *
 * <p><b>Why.</b> A reconnecting client offers its session and the id of the last transaction it has
 * seen. A server whose history ends before that transaction refuses the connection ("client must
 * try another server") without a word the client could act on, and the client offers the same
 * session again and again; Curator gives it up only when the session timeout has passed without a
 * connection. Every registration of this backend stays missing for that long, though the server
 * serves everyone else.
 *
 * <p><b>How.</b> While the connection is lost, a throwaway session asks the ensemble how far its
 * history goes: it connects, {@code sync}s (so a follower has caught up with its leader) and reads,
 * and the reply carries the server's last transaction id. When that is older than what this
 * client has seen, no server of this ensemble will take the session back, and the session is
 * expired here at once, as Curator itself does when the timeout passes; Curator then opens a new
 * session and the backend writes its registrations again. A server that still has its history
 * takes the session back by itself, and the probe changes nothing. One probe at a time, every
 * {@value #PROBE_EVERY_MILLIS} ms while the connection stays lost; none while connected.
 *
 * <p><b>Soon after the server is back.</b> A ZooKeeper client that failed to connect waits up to
 * a second, at random, before it tries again; a probe that waited that way would add the wait to
 * every recovery. So a probe is only opened once a server of the ensemble accepts a TCP
 * connection (looked for every {@value #LOOK_EVERY_MILLIS} ms), and it is opened to that server
 * alone, whose first attempt is made at once. A server accepts connections a second or two before
 * it serves them (it is still starting); a probe that connected then would wait out that random
 * pause, so a probe that is not served within {@value #FIRST_WAIT_MILLIS} ms is closed and a new
 * one opened, {@value #QUICK_PROBES} times; after that each is allowed twice as long as the last,
 * up to the connection timeout (a slow TLS handshake still gets its time). A session is given up
 * once: the probes that follow while Curator replaces it leave it alone.
 *
 * <p>Thread-safe.
 */
final class WipedEnsembleDetector {

    private static final Logger LOG = LoggerFactory.getLogger(WipedEnsembleDetector.class);
    private static final long PROBE_EVERY_MILLIS = 500;
    private static final long LOOK_EVERY_MILLIS = 100;
    private static final int TCP_CONNECT_MILLIS = 250;
    private static final long FIRST_WAIT_MILLIS = 250;
    private static final int QUICK_PROBES = 12;

    private final ClientHandles handles;
    private final String address;
    private final int sessionTimeoutMs;
    private final Duration connectionTimeout;
    private final Executor workers;
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final AtomicInteger looks = new AtomicInteger();
    /** The session last given up: Curator replaces it soon after, and it is not given up twice. */
    private final AtomicReference<ClientHandles.Handle> givenUp = new AtomicReference<>();
    /** Probes in a row that a server accepted but did not serve in time; only the probing thread touches it. */
    private int unserved;

    /**
     * @param workers runs the probes, which block; owned by the caller, who shuts it down to stop them
     */
    WipedEnsembleDetector(ClientHandles handles, ZooKeeperConfig config, Executor workers) {
        this.handles = handles;
        this.address = config.address();
        this.sessionTimeoutMs = (int) config.sessionTimeout().toMillis();
        this.connectionTimeout = config.connectionTimeout();
        this.workers = workers;
    }

    /** Starts probing when the connection is lost, stops once it is back or the session ended. */
    void onConnectionState(ConnectionState state) {
        if (state == ConnectionState.SUSPENDED) {
            disconnected.set(true);
            startProbing();
        } else if (state.isConnected() || state == ConnectionState.LOST) {
            disconnected.set(false);
        }
    }

    private void startProbing() {
        if (probing.compareAndSet(false, true)) {
            try {
                workers.execute(this::probeWhileDisconnected);
            } catch (RejectedExecutionException closing) {
                probing.set(false);
            }
        }
    }

    private void probeWhileDisconnected() {
        try {
            while (disconnected.get() && !Thread.currentThread().isInterrupted()) {
                Optional<ClientHandles.Handle> session = handles.current();
                long seen = session.map(ClientHandles.Handle::lastZxidSeen).orElse(0L);
                OptionalLong history = ensembleHistory();
                if (session.isPresent() && history.isPresent() && history.getAsLong() < seen && disconnected.get()
                        && handles.current().equals(session) && givenUp.getAndSet(session.get()) != session.get()) {
                    LOG.warn("zookeeper at {}: the ensemble's history ends at 0x{}, before 0x{} that this client has seen: "
                                    + "it lost its data, and refuses the session; starting a new one",
                            address, Long.toHexString(history.getAsLong()), Long.toHexString(seen));
                    session.get().getTestable().injectSessionExpiration();
                    return;
                }
                Thread.sleep(history.isPresent() ? PROBE_EVERY_MILLIS : LOOK_EVERY_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the backend is closing
        } finally {
            probing.set(false);
            // A loss that began while this probe was ending needs a probe of its own.
            if (disconnected.get() && !Thread.currentThread().isInterrupted()) {
                startProbing();
            }
        }
    }

    /**
     * The last transaction id of a server that serves a new session; empty when no server accepts
     * a connection, or the one that does serves none in time.
     */
    private OptionalLong ensembleHistory() throws InterruptedException {
        Optional<String> server = acceptingServer();
        if (server.isEmpty()) {
            unserved = 0;
            return OptionalLong.empty();
        }
        int doublings = Math.max(0, Math.min(unserved - QUICK_PROBES + 1, 10));
        long wait = Math.min(connectionTimeout.toMillis(), FIRST_WAIT_MILLIS << doublings);
        CountDownLatch connected = new CountDownLatch(1);
        ClientHandles.Handle probe;
        try {
            probe = handles.openProbe(server.get(), sessionTimeoutMs, event -> {
                if (event.getState() == KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
        } catch (java.io.IOException e) {
            return OptionalLong.empty();
        }
        try {
            if (!connected.await(wait, TimeUnit.MILLISECONDS)) {
                unserved++;
                return OptionalLong.empty();
            }
            unserved = 0;
            probe.sync("/");
            probe.exists("/", false);
            return OptionalLong.of(probe.lastZxidSeen());
        } catch (KeeperException e) {
            LOG.debug("zookeeper at {}: probe failed: {}", address, e.getMessage());
            return OptionalLong.empty();
        } finally {
            closeLater(probe);
        }
    }

    /**
     * Closes {@code probe} on another thread: a client that never got a session may sit in its
     * random reconnect pause (up to a second), and closing it waits for that; the next probe need not.
     */
    private void closeLater(ClientHandles.Handle probe) {
        Runnable close = () -> {
            try {
                probe.close((int) connectionTimeout.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            workers.execute(close);
        } catch (RejectedExecutionException closing) {
            close.run();
        }
    }

    /**
     * A server of the ensemble that accepts a TCP connection now, as {@code host:port}. Each look
     * starts one server further along the list, so a server that accepts but serves no session
     * (one out of its quorum) does not hide the others.
     */
    private Optional<String> acceptingServer() {
        List<InetSocketAddress> servers = new ConnectStringParser(address).getServerAddresses();
        int first = Math.floorMod(looks.getAndIncrement(), servers.size());
        for (int i = 0; i < servers.size(); i++) {
            InetSocketAddress server = servers.get((first + i) % servers.size());
            try (Socket socket = new Socket()) {
                socket.connect(server.isUnresolved() ? new InetSocketAddress(server.getHostString(), server.getPort()) : server,
                        TCP_CONNECT_MILLIS);
                String host = server.getHostString();
                return Optional.of((host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort());
            } catch (IOException | IllegalArgumentException e) {
                // down, or not resolvable now: the next server
            }
        }
        return Optional.empty();
    }
}
