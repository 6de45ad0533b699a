package dev.pilot.discovery.zookeeper;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryNTimes;
import org.apache.zookeeper.KeeperException;

/**
 * A plain Curator client that bypasses Pilot: what tests use to write nodes as another program
 * (ContainerPilot 2, a broken writer, another tenant) would, and to look at the ensemble directly.
 */
final class RawZooKeeper implements AutoCloseable {

    private static final int SESSION_MILLIS = 10_000;
    private static final int CONNECT_MILLIS = 5_000;

    private final CuratorFramework client;

    private RawZooKeeper(CuratorFramework client) {
        this.client = client;
    }

    /** An anonymous client of {@code address}, connected. */
    static RawZooKeeper connect(String address) throws InterruptedException {
        return start(builder(address));
    }

    /** A client of {@code address} authenticated with digest {@code user:password}, connected. */
    static RawZooKeeper connectAs(String address, String user, String password) throws InterruptedException {
        return start(builder(address).authorization("digest", (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private static CuratorFrameworkFactory.Builder builder(String address) {
        return CuratorFrameworkFactory.builder().connectString(address).sessionTimeoutMs(SESSION_MILLIS)
                .connectionTimeoutMs(CONNECT_MILLIS).retryPolicy(new RetryNTimes(3, 200));
    }

    private static RawZooKeeper start(CuratorFrameworkFactory.Builder builder) throws InterruptedException {
        CuratorFramework client = builder.build();
        client.start();
        if (!client.blockUntilConnected(CONNECT_MILLIS, TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("no connection to ZooKeeper within " + CONNECT_MILLIS + " ms");
        }
        return new RawZooKeeper(client);
    }

    /** Creates (or overwrites) a persistent node holding {@code body}, with its parents. */
    void put(String path, String body) throws Exception {
        client.create().orSetData().creatingParentsIfNeeded().forPath(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The data of {@code path}, or empty when there is no such node. One read, not an existence check
     * and then a read: the node may go (a TTL, a session's end) between the two.
     */
    Optional<String> get(String path) throws Exception {
        try {
            return Optional.of(new String(client.getData().forPath(path), StandardCharsets.UTF_8));
        } catch (KeeperException.NoNodeException gone) {
            return Optional.empty();
        }
    }

    /** The Curator client itself. */
    CuratorFramework curator() {
        return client;
    }

    @Override
    public void close() {
        client.close();
    }
}
