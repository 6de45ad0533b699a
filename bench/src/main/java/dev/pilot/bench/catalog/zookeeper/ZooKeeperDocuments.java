package dev.pilot.bench.catalog.zookeeper;

import dev.pilot.bench.catalog.RawDocuments;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** Raw ZooKeeper nodes {@code /containerpilot/{service}/{id}} ({@link ZooKeeperNodes#path}), with Curator. */
public final class ZooKeeperDocuments implements RawDocuments {

    private final CuratorFramework client;

    public ZooKeeperDocuments(String address) {
        client = CuratorFrameworkFactory.newClient(address, 30_000, 15_000, new RetryOneTime(100));
        client.start();
        try {
            client.blockUntilConnected(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean write(String service, String id, byte[] body) {
        try {
            client.create().orSetData().creatingParentsIfNeeded().forPath(ZooKeeperNodes.path(service, id), body);
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("zookeeper: " + e, e);
        }
    }

    @Override
    public byte[] read(String service, String id) {
        try {
            return client.getData().forPath(ZooKeeperNodes.path(service, id));
        } catch (Exception e) {
            return new byte[0];
        }
    }

    @Override
    public void clear(String service) {
        String path = ZooKeeperCatalog.PREFIX + service;
        try {
            if (client.checkExists().forPath(path) != null) {
                client.delete().deletingChildrenIfNeeded().forPath(path);
            }
        } catch (Exception e) {
            throw new IllegalStateException("zookeeper: " + e, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
