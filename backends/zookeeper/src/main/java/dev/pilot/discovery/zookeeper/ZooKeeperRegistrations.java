package dev.pilot.discovery.zookeeper;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.support.InstanceJson;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this backend's instance nodes: creates and refreshes them on heartbeats, removes them on
 * maintenance and deregistration, and enforces their TTL.
 *
 * <p><b>How TTL works.</b> Each instance node is <em>ephemeral</em>, so the ensemble removes it
 * when this client's session ends: at once on {@code close()}, within the session timeout when
 * the process dies. While the session lives, this class is what expires the node: every
 * heartbeat moves the instance's deadline to now + ttl (measured on this process's monotonic
 * clock), and when a deadline passes without a heartbeat a timer deletes the node. No clock is
 * compared across machines, and readers need no rule beyond "a node is a healthy instance".
 *
 * <p><b>Self-heal.</b> After a reconnect (a new session after expiry, or a server that came back
 * empty) every instance still within its TTL is written again; the next heartbeat would do it
 * anyway. A node left by another session (an expired one of ours, or an earlier process with the
 * same instance id) is replaced by one of this session, so that it lives and dies with it.
 *
 * <p>Thread-safe: operations on one instance are serialized; different instances proceed in
 * parallel.
 */
final class ZooKeeperRegistrations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperRegistrations.class);
    /** How soon a failed expiry (the ensemble was unreachable) is tried again. */
    private static final Duration EXPIRY_RETRY = Duration.ofMillis(500);
    private static final int WRITE_ATTEMPTS = 4;

    /** What this backend knows of one of its instances; guarded by its own monitor. */
    private static final class Registration {
        final String path;
        ServiceDefinition definition;
        /** {@link System#nanoTime()} after which the instance has expired. */
        long deadline;
        /** Registered and within its TTL: false after expiry, maintenance or deregistration. */
        boolean live;
        ScheduledFuture<?> expiry;

        Registration(String path) {
            this.path = path;
        }
    }

    private final CuratorFramework client;
    private final ServicePaths paths;
    private final List<ACL> acl;
    private final Failures failures;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final ConcurrentMap<String, Registration> registrations = new ConcurrentHashMap<>();

    /**
     * @param acl     the ACL of the nodes this backend creates (and of their parents)
     * @param timer   fires expiries; owned by the caller
     * @param workers runs the blocking work that expiries and reconnects start; owned by the caller
     */
    ZooKeeperRegistrations(CuratorFramework client, ServicePaths paths, List<ACL> acl, Failures failures,
              ScheduledExecutorService timer, Executor workers) {
        this.client = client;
        this.paths = paths;
        this.acl = acl;
        this.failures = failures;
        this.timer = timer;
        this.workers = workers;
    }

    /** Writes {@code service}'s node if it is missing or differs, and moves its deadline to now + ttl. */
    void heartbeat(ServiceDefinition service) {
        String path = paths.instance(service.name(), service.id());
        Registration registration = registrations.computeIfAbsent(path, Registration::new);
        synchronized (registration) {
            writeNode(path, InstanceJson.write(service));
            registration.definition = service;
            registration.deadline = System.nanoTime() + service.ttl().toNanos();
            registration.live = true;
            armExpiry(registration, service.ttl());
        }
    }

    /** Deletes {@code service}'s node; the registration waits for the next heartbeat. */
    void maintenance(ServiceDefinition service) {
        String path = paths.instance(service.name(), service.id());
        Registration registration = registrations.computeIfAbsent(path, Registration::new);
        synchronized (registration) {
            stop(registration);
            deleteNode(path, "take out for maintenance");
        }
    }

    /** Deletes {@code service}'s node and forgets it. */
    void deregister(ServiceDefinition service) {
        String path = paths.instance(service.name(), service.id());
        Registration registration = registrations.computeIfAbsent(path, Registration::new);
        synchronized (registration) {
            stop(registration);
            deleteNode(path, "deregister");
            registrations.remove(path, registration);
        }
    }

    /**
     * Writes again every instance that is still within its TTL: called after a reconnect, when
     * the ensemble may have lost them with an expired session or its data.
     */
    void restore() {
        for (Registration registration : registrations.values()) {
            synchronized (registration) {
                if (!registration.live || registration.deadline - System.nanoTime() <= 0) {
                    continue;
                }
                try {
                    writeNode(registration.path, InstanceJson.write(registration.definition));
                } catch (DiscoveryException e) {
                    LOG.warn("could not restore {} after reconnecting; the next heartbeat tries again: {}",
                            registration.path, e.getMessage());
                }
            }
        }
    }

    /**
     * Forgets every registration without waiting for a write in flight, which may hang on an
     * ensemble that never answers; the owner shuts the timer down right after, which cancels any
     * expiry such a write still arms.
     */
    @Override
    public void close() {
        registrations.clear();
    }

    private static void stop(Registration registration) {
        registration.live = false;
        if (registration.expiry != null) {
            registration.expiry.cancel(false);
            registration.expiry = null;
        }
    }

    /**
     * Makes sure a timer fires no later than {@code delay} from now. A pending timer that fires
     * earlier is kept: it finds the later deadline and re-arms itself.
     */
    private void armExpiry(Registration registration, Duration delay) {
        ScheduledFuture<?> pending = registration.expiry;
        if (pending != null && !pending.isDone() && pending.getDelay(TimeUnit.NANOSECONDS) > delay.toNanos()) {
            pending.cancel(false);
            pending = null;
        }
        if (pending == null || pending.isDone()) {
            registration.expiry = timer.schedule(() -> workers.execute(() -> expire(registration)),
                    delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void expire(Registration registration) {
        synchronized (registration) {
            registration.expiry = null;
            if (!registration.live) {
                return;
            }
            long left = registration.deadline - System.nanoTime();
            if (left > 0) {
                armExpiry(registration, Duration.ofNanos(left));
                return;
            }
            try {
                deleteOwnNode(registration.path);
                registration.live = false;
                LOG.debug("{} expired: no heartbeat within its ttl of {}", registration.path,
                        Failures.millis(registration.definition.ttl()));
            } catch (DiscoveryException e) {
                LOG.debug("could not expire {} yet: {}", registration.path, e.getMessage());
                armExpiry(registration, EXPIRY_RETRY);
            }
        }
    }

    /**
     * Makes the node at {@code path} hold {@code data} and belong to this client's session.
     * Races with other writers (a node appearing, vanishing or changing between two requests)
     * are resolved by starting over.
     */
    private void writeNode(String path, byte[] data) {
        try {
            for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
                if (tryWriteNode(path, data)) {
                    return;
                }
            }
            throw failures.failure("cannot register " + path + ": other clients keep changing it", null);
        } catch (Exception e) {
            throw failures.of("register", path, e);
        }
    }

    private boolean tryWriteNode(String path, byte[] data) throws Exception {
        Stat stat = new Stat();
        byte[] current;
        try {
            current = client.getData().storingStatIn(stat).forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return create(path, data);
        }
        long session = client.getZookeeperClient().getZooKeeper().getSessionId();
        try {
            if (stat.getEphemeralOwner() != session) {
                LOG.info("taking over {}: it belongs to another ZooKeeper session", path);
                client.delete().withVersion(stat.getVersion()).forPath(path);
                return create(path, data);
            }
            if (!Arrays.equals(current, data)) {
                client.setData().withVersion(stat.getVersion()).forPath(path, data);
            }
            return true;
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            return false;
        }
    }

    /** Creates an ephemeral node, and its parents as containers; false when it exists already. */
    private boolean create(String path, byte[] data) throws Exception {
        try {
            client.create().creatingParentContainersIfNeeded().withMode(CreateMode.EPHEMERAL).withACL(acl, true)
                    .forPath(path, data);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            return false;
        }
    }

    private void deleteNode(String path, String action) {
        try {
            client.delete().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            // already gone: deregistering twice is fine
        } catch (Exception e) {
            throw failures.of(action, path, e);
        }
    }

    /** Deletes the node only if this session owns it: another process may have taken the id over. */
    private void deleteOwnNode(String path) {
        try {
            Stat stat = client.checkExists().forPath(path);
            long session = client.getZookeeperClient().getZooKeeper().getSessionId();
            if (stat != null && stat.getEphemeralOwner() == session) {
                client.delete().withVersion(stat.getVersion()).forPath(path);
            }
        } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
            // gone or taken over meanwhile: either way no longer ours to expire
        } catch (Exception e) {
            throw failures.of("expire", path, e);
        }
    }
}
