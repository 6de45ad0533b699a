package dev.pilot.bench.catalog.zookeeper;

import dev.pilot.bench.catalog.Catalog;
import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.RawWatch;
import dev.pilot.bench.catalog.ViewListener;
import dev.pilot.testservers.ZooKeeperServer;
import java.time.Duration;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/**
 * A standalone ZooKeeper server on 127.0.0.1 (a process of its own, as the launcher runs it), and Curator
 * as the raw client: nodes in ContainerPilot 2's layout ({@code /containerpilot/{name}/{id}},
 * the instance document as data), setData as the heartbeat, a child watch for notifications.
 */
public final class ZooKeeperCatalog implements Catalog {

    static final String PREFIX = "/containerpilot/";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final ZooKeeperServer server;
    private final CuratorFramework client;

    private ZooKeeperCatalog(ZooKeeperServer server) {
        this.server = server;
        this.client = CuratorFrameworkFactory.newClient(server.address(), 30_000, (int) CONNECT_TIMEOUT.toMillis(),
                new RetryOneTime(100));
        client.start();
        try {
            if (!client.blockUntilConnected((int) CONNECT_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
                throw new IllegalStateException("ZooKeeper at " + server.address() + ": Curator did not connect within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to ZooKeeper", e);
        }
    }

    /** Starts a ZooKeeper server. */
    public static ZooKeeperCatalog start() {
        ZooKeeperServer server = ZooKeeperServer.launch();
        try {
            return new ZooKeeperCatalog(server);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String backend() {
        return "zookeeper";
    }

    @Override
    public String serverVersion() {
        return "ZooKeeper " + org.apache.zookeeper.Version.getFullVersion().replaceAll(",.*", "").replaceAll("-.*", "");
    }

    @Override
    public Object pilotConfig() {
        return Map.of("address", server.address());
    }

    /** Pilot's configuration reaching the server through {@code hostPort} instead (a counting proxy). */
    public Object pilotConfigVia(String hostPort) {
        return Map.of("address", hostPort);
    }

    /** The client port. */
    public int port() {
        return server.port();
    }

    @Override
    public ChangeWriter changeWriter() {
        return new ZooKeeperNodes(client);
    }

    @Override
    public RawWatch rawWatch(String service, ViewListener listener) {
        return new ChildWatch(client, PREFIX + service, listener);
    }

    @Override
    public HeartbeatClient rawHeartbeats() {
        return new ZooKeeperNodes(client);
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            server.close();
        }
    }
}
