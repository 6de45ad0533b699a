package dev.pilot.bench.catalog.zookeeper;

import dev.pilot.bench.catalog.ChangeWriter;
import dev.pilot.bench.catalog.HeartbeatClient;
import dev.pilot.bench.catalog.InstanceDocuments;
import dev.pilot.discovery.ServiceDefinition;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;

/** Instance nodes written with Curator: create, setData as the heartbeat, delete. Thread-safe. */
final class ZooKeeperNodes implements ChangeWriter, HeartbeatClient {

    private final CuratorFramework client;

    ZooKeeperNodes(CuratorFramework client) {
        this.client = client;
    }

    @Override
    public void add(String service, String id, int port) {
        create(service, id, document(service, id, port, List.of()));
    }

    @Override
    public void remove(String service, String id) {
        try {
            client.delete().forPath(path(service, id));
        } catch (KeeperException.NoNodeException e) {
            // already gone
        } catch (Exception e) {
            throw failure("deleting " + path(service, id), e);
        }
    }

    @Override
    public void register(ServiceDefinition service) {
        create(service.name(), service.id(), document(service.name(), service.id(), service.port(), service.tags()));
    }

    @Override
    public void heartbeat(ServiceDefinition service) {
        String path = path(service.name(), service.id());
        try {
            client.setData().forPath(path, document(service.name(), service.id(), service.port(), service.tags()));
        } catch (Exception e) {
            throw failure("setData on " + path, e);
        }
    }

    @Override
    public void deregister(ServiceDefinition service) {
        remove(service.name(), service.id());
    }

    @Override
    public void close() {}

    private void create(String service, String id, byte[] data) {
        String path = path(service, id);
        try {
            client.create().orSetData().creatingParentContainersIfNeeded().forPath(path, data);
        } catch (Exception e) {
            throw failure("creating " + path, e);
        }
    }

    static String path(String service, String id) {
        return ZooKeeperCatalog.PREFIX + service + "/" + id;
    }

    private static byte[] document(String service, String id, int port, List<String> tags) {
        return InstanceDocuments.of(service, id, port, tags);
    }

    private static IllegalStateException failure(String what, Exception cause) {
        if (cause instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        return new IllegalStateException("ZooKeeper: " + what + " failed: " + cause, cause);
    }
}
