package dev.pilot.testservers;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.zookeeper.KeeperException;

/**
 * Creates and reads one node with a fresh Curator client per call, so a test never carries a
 * session across a server restart: enough to prove a ZooKeeper launcher serves.
 */
final class ZooKeeperClients {

    private static final int SESSION_MILLIS = 10_000;
    private static final int CONNECT_MILLIS = 3_000;

    private ZooKeeperClients() {}

    /** Creates (or overwrites) {@code path} holding {@code value} through {@code connectString}. */
    static void put(String connectString, String path, String value) throws Exception {
        try (CuratorFramework client = connect(connectString)) {
            client.create().orSetData().creatingParentsIfNeeded().forPath(path, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The value of {@code path} read through {@code connectString}; empty when there is no such node. */
    static Optional<String> get(String connectString, String path) throws Exception {
        try (CuratorFramework client = connect(connectString)) {
            return Optional.of(new String(client.getData().forPath(path), StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        }
    }

    private static CuratorFramework connect(String connectString) throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.newClient(connectString, SESSION_MILLIS, CONNECT_MILLIS, new RetryOneTime(100));
        client.start();
        if (!client.blockUntilConnected(CONNECT_MILLIS, TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("no connection to ZooKeeper at " + connectString + " within " + CONNECT_MILLIS + " ms");
        }
        return client;
    }
}
