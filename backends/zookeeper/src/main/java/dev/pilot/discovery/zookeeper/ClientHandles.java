package dev.pilot.discovery.zookeeper;

import java.io.IOException;
import java.util.Optional;
import org.apache.curator.utils.ZookeeperFactory;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.admin.ZooKeeperAdmin;
import org.apache.zookeeper.client.ZKClientConfig;

/**
 * Makes the ZooKeeper handles of the backend's Curator client (one per session: Curator asks for
 * a new one after a session ends) and remembers the current one, so the backend can read the last
 * transaction id it has seen, which ZooKeeper keeps to its subclasses. Opens throwaway handles
 * with the same settings for {@link WipedEnsembleDetector}. Thread-safe.
 */
final class ClientHandles implements ZookeeperFactory {

    /** A handle that tells the id of the last transaction it has seen. */
    static final class Handle extends ZooKeeperAdmin {

        Handle(String connectString, int sessionTimeout, Watcher watcher, boolean canBeReadOnly, ZKClientConfig config)
                throws IOException {
            super(connectString, sessionTimeout, watcher, canBeReadOnly, config);
        }

        /** The zxid of the last reply this handle read: how far into the ensemble's history its session has seen. */
        long lastZxidSeen() {
            return cnxn.getLastZxid();
        }
    }

    private final ZKClientConfig config;
    private final Optional<byte[]> digestAuth;
    private volatile Handle current;

    /**
     * @param config     the client's settings (TLS, SASL, timeouts), shared by every handle
     * @param digestAuth the {@code user:password} of the digest scheme, when the client uses it
     */
    ClientHandles(ZKClientConfig config, Optional<byte[]> digestAuth) {
        this.config = config;
        this.digestAuth = digestAuth;
    }

    ZKClientConfig config() {
        return config;
    }

    @Override
    public ZooKeeper newZooKeeper(String connectString, int sessionTimeout, Watcher watcher, boolean canBeReadOnly)
            throws IOException {
        return newZooKeeper(connectString, sessionTimeout, watcher, canBeReadOnly, config);
    }

    @Override
    public ZooKeeper newZooKeeper(String connectString, int sessionTimeout, Watcher watcher, boolean canBeReadOnly,
                                  ZKClientConfig zkClientConfig) throws IOException {
        Handle handle = new Handle(connectString, sessionTimeout, watcher, canBeReadOnly, zkClientConfig);
        current = handle;
        return handle;
    }

    /** The handle of the client's current session; empty before the client started. */
    Optional<Handle> current() {
        return Optional.ofNullable(current);
    }

    /** A new handle with a session of its own, connecting in the background; the caller closes it. */
    Handle openProbe(String connectString, int sessionTimeout, Watcher watcher) throws IOException {
        Handle probe = new Handle(connectString, sessionTimeout, watcher, false, config);
        digestAuth.ifPresent(auth -> probe.addAuthInfo("digest", auth));
        return probe;
    }
}
