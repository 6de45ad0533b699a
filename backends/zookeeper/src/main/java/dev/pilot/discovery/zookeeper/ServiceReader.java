package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.spi.InstanceDocument;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.support.InstanceJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.RetryLoop;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.utils.ZKPaths;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the healthy set of an upstream: every child of {@code {prefix}/{name}} whose document is
 * an instance of that service carrying the tag; the children are listed, then read in one
 * request. A watch that knows which node changed reads only that one ({@link #readNode}). A node that is not such a document is skipped,
 * with one warning per version of the node.
 *
 * <p>Thread-safe.
 */
final class ServiceReader {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceReader.class);
    /** How many skipped node versions are remembered, so each is warned about once. */
    private static final int WARNED_LIMIT = 1024;

    private final CuratorFramework client;
    private final ServicePaths paths;
    private final Failures failures;
    private final Map<String, Boolean> warned = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > WARNED_LIMIT;
        }
    };

    ServiceReader(CuratorFramework client, ServicePaths paths, Failures failures) {
        this.client = client;
        this.paths = paths;
        this.failures = failures;
    }

    /**
     * The healthy set of {@code upstream}, sorted by id.
     *
     * @throws DiscoveryException when the ensemble cannot be read
     */
    List<Instance> read(Upstream upstream) {
        return Instance.sorted(readService(upstream.name()).values().stream().filter(upstream::matches).toList());
    }

    /**
     * Every instance of service {@code name}, by the name of its node: the children are listed,
     * then read in one request.
     *
     * @throws DiscoveryException when the ensemble cannot be read
     */
    Map<String, Instance> readService(String name) {
        String servicePath = paths.service(name);
        try {
            List<String> children;
            try {
                children = client.getChildren().forPath(servicePath);
            } catch (KeeperException.NoNodeException e) {
                return Map.of();
            }
            Map<String, Instance> instances = new LinkedHashMap<>();
            List<OpResult> results = readAll(servicePath, children);
            for (int i = 0; i < children.size(); i++) {
                if (results.get(i) instanceof OpResult.GetDataResult node) {
                    String child = children.get(i);
                    decode(name, ZKPaths.makePath(servicePath, child), node.getStat(), node.getData())
                            .ifPresent(instance -> instances.put(child, instance));
                }
                // an ErrorResult is a child deleted since the listing: it is not in the set
            }
            return instances;
        } catch (Exception e) {
            throw failures.of("read", servicePath, e);
        }
    }

    /**
     * The instance node {@code child} of service {@code name} holds: one round trip. Empty when the
     * node is gone or holds no instance of that service.
     *
     * @throws DiscoveryException when the ensemble cannot be read
     */
    Optional<Instance> readNode(String name, String child) {
        String path = ZKPaths.makePath(paths.service(name), child);
        try {
            Stat stat = new Stat();
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            return decode(name, path, stat, data);
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failures.of("read", path, e);
        }
    }

    /**
     * The data of every child in one request (a read-only {@code multi}, ZooKeeper 3.6+), so a
     * read costs two round trips however many instances there are. Retried as Curator retries.
     */
    private List<OpResult> readAll(String servicePath, List<String> children) throws Exception {
        if (children.isEmpty()) {
            return List.of();
        }
        List<Op> reads = children.stream().map(child -> Op.getData(ZKPaths.makePath(servicePath, child))).toList();
        return RetryLoop.callWithRetry(client.getZookeeperClient(),
                () -> client.getZookeeperClient().getZooKeeper().multi(reads));
    }

    private Optional<Instance> decode(String service, String path, Stat stat, byte[] data) {
        try {
            return Optional.of(InstanceJson.read(data, service));
        } catch (InstanceDocument.Malformed e) {
            warnOnce(path, stat, e.getMessage());
            return Optional.empty();
        }
    }

    private void warnOnce(String path, Stat stat, String reason) {
        boolean first;
        synchronized (warned) {
            first = warned.put(path + "@" + stat.getMzxid(), Boolean.TRUE) == null;
        }
        if (first) {
            LOG.warn("zookeeper at {}: skipping {}: not an instance document: {}", failures.address(), path, reason);
        }
    }
}
