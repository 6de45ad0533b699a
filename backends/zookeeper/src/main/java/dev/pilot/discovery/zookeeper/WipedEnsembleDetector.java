package dev.pilot.discovery.zookeeper;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher.Event.KeeperState;
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
 * <p>Thread-safe.
 */
final class WipedEnsembleDetector {

    private static final Logger LOG = LoggerFactory.getLogger(WipedEnsembleDetector.class);
    private static final long PROBE_EVERY_MILLIS = 500;

    private final ClientHandles handles;
    private final String address;
    private final int sessionTimeoutMs;
    private final Duration connectionTimeout;
    private final Executor workers;
    private final AtomicBoolean disconnected = new AtomicBoolean();
    private final AtomicBoolean probing = new AtomicBoolean();

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
                        && handles.current().equals(session)) {
                    LOG.warn("zookeeper at {}: the ensemble's history ends at 0x{}, before 0x{} that this client has seen: "
                                    + "it lost its data, and refuses the session; starting a new one",
                            address, Long.toHexString(history.getAsLong()), Long.toHexString(seen));
                    session.get().getTestable().injectSessionExpiration();
                    return;
                }
                Thread.sleep(PROBE_EVERY_MILLIS);
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

    /** The last transaction id of a server that serves a new session; empty when none does in time. */
    private OptionalLong ensembleHistory() throws InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ClientHandles.Handle probe;
        try {
            probe = handles.openProbe(address, sessionTimeoutMs, event -> {
                if (event.getState() == KeeperState.SyncConnected) {
                    connected.countDown();
                }
            });
        } catch (java.io.IOException e) {
            return OptionalLong.empty();
        }
        try {
            if (!connected.await(connectionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return OptionalLong.empty();
            }
            probe.sync("/");
            probe.exists("/", false);
            return OptionalLong.of(probe.lastZxidSeen());
        } catch (KeeperException e) {
            LOG.debug("zookeeper at {}: probe failed: {}", address, e.getMessage());
            return OptionalLong.empty();
        } finally {
            probe.close((int) connectionTimeout.toMillis());
        }
    }
}
