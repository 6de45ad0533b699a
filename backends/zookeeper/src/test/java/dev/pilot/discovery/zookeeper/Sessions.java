package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.ServiceBackend;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

/** What tests do to a backend's ZooKeeper session. */
final class Sessions {

    private Sessions() {}

    /** The id of {@code backend}'s current session. */
    static long id(ServiceBackend backend) throws Exception {
        return zooKeeper(backend).getSessionId();
    }

    /**
     * Expires {@code backend}'s session on the server, as an ensemble does when it stops hearing
     * from a client: a second client joins the session with its id and password and closes it, so
     * the server ends the session and deletes its ephemeral nodes; the backend learns of it when
     * it next talks to the server.
     */
    static void expireOnServer(ServiceBackend backend, String address) throws Exception {
        ZooKeeper own = zooKeeper(backend);
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(address, 10_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, own.getSessionId(), own.getSessionPasswd());
        try {
            if (!connected.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not join session 0x" + Long.toHexString(own.getSessionId()));
            }
        } finally {
            twin.close();
        }
    }

    /**
     * The {@code host:port} of the server {@code backend} is connected to, empty while it is not.
     * ZooKeeper keeps this to itself (its tests reach it through the same protected method).
     */
    static java.util.Optional<String> server(ServiceBackend backend) throws Exception {
        java.lang.reflect.Method remote = ZooKeeper.class.getDeclaredMethod("testableRemoteSocketAddress");
        remote.setAccessible(true);
        Object address = remote.invoke(zooKeeper(backend));
        if (!(address instanceof java.net.InetSocketAddress socket)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(socket.getAddress().getHostAddress() + ":" + socket.getPort());
    }

    private static ZooKeeper zooKeeper(ServiceBackend backend) throws Exception {
        return ((ZooKeeperBackend) backend).client().getZookeeperClient().getZooKeeper();
    }
}
