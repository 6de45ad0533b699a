package dev.pilot.discovery.etcd;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.support.InstanceJson;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instances this backend advertises, one etcd lease each, with the service's TTL.
 *
 * <p>A heartbeat renews the lease once ({@code keepAliveOnce}, sent with the renewals of other
 * heartbeats at the same moment: {@link LeaseRenewals}), never in the background: when the
 * health check stalls and heartbeats stop, the lease runs out and etcd deletes the key by itself,
 * although this process and its connections are fine. When the lease is gone (expired, revoked,
 * the server's data wiped) the heartbeat grants a new one and writes the key again; likewise when
 * the key was deleted or overwritten behind this backend's back, or the definition changed.
 *
 * <p>One renewal per heartbeat in the steady state: the renewal's answer carries the store's
 * revision, and while it is the revision at which this backend last saw its key whole, no key has
 * changed since, so the key is not read. Only when something in the store changed is the key read
 * ({@code keys_only}) to see whether it is still ours.
 *
 * <p>Thread-safe: operations on one instance run one at a time; different instances in parallel.
 */
final class EtcdRegistrations {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdRegistrations.class);

    /**
     * What this backend last wrote for an instance, the lease keeping it alive, and the store's
     * revision at which the key was last seen holding it.
     */
    private record Registration(long lease, Duration ttl, ServiceDefinition written, long seenAt) {
        Registration seenAt(long revision) {
            return new Registration(lease, ttl, written, revision);
        }
    }

    private final EtcdApi api;
    private final LeaseRenewals renewals;
    private final KeyLayout layout;
    private final ConcurrentMap<String, Registration> byKey = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    EtcdRegistrations(EtcdApi api, LeaseRenewals renewals, KeyLayout layout) {
        this.api = api;
        this.renewals = renewals;
        this.layout = layout;
    }

    /** Registers {@code service}, or renews its lease and makes sure its key still holds it. */
    void heartbeat(ServiceDefinition service) {
        String key = layout.instanceKey(service.name(), service.id());
        ReentrantLock lock = lock(key);
        lock.lock();
        try {
            Registration current = byKey.get(key);
            if (current == null || !current.ttl().equals(service.ttl())) {
                register(key, service, current);
                return;
            }
            EtcdApi.Renewal renewal = renewals.renew(current.lease());
            if (renewal.ttl() <= 0) {
                LOG.info("etcd at {}: the lease of {} is gone (expired or the data was lost); registering again",
                        api.address(), key);
                register(key, service, null);
            } else if (!current.written().equals(service)) {
                write(key, service, current);
            } else if (renewal.revision() != current.seenAt()) {
                EtcdApi.Head head = api.head(key);
                Optional<EtcdApi.KeyValue> kv = head.kv();
                if (kv.isEmpty() || kv.get().lease() != current.lease()) {
                    LOG.info("etcd at {}: {} was deleted or overwritten by another client; writing it again", api.address(), key);
                    write(key, service, current);
                } else {
                    byKey.put(key, current.seenAt(head.revision()));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Deletes the key of {@code service} and revokes its lease; nothing registered is fine. */
    void remove(ServiceDefinition service) {
        String key = layout.instanceKey(service.name(), service.id());
        ReentrantLock lock = lock(key);
        lock.lock();
        try {
            api.delete(key);
            Registration removed = byKey.remove(key);
            if (removed != null) {
                revokeQuietly(removed.lease(), key);
            }
        } finally {
            lock.unlock();
        }
    }

    private void register(String key, ServiceDefinition service, Registration previous) {
        long lease = api.grant(service.ttl());
        long revision;
        // A put that fails without a refusal (its answer lost) may have been written, and revoking
        // its lease would delete the key: that lease is left to run out with the TTL, and the next
        // heartbeat registers on a lease of its own.
        try {
            revision = api.put(key, InstanceJson.write(service), lease);
        } catch (EtcdRefusal refusal) {
            revokeQuietly(lease, key); // refused, so not written: the lease holds nothing
            throw refusal;
        }
        byKey.put(key, new Registration(lease, service.ttl(), service, revision));
        if (previous != null) {
            revokeQuietly(previous.lease(), key); // its key now rides on the new lease
        }
    }

    private void write(String key, ServiceDefinition service, Registration current) {
        try {
            long revision = api.put(key, InstanceJson.write(service), current.lease());
            byKey.put(key, new Registration(current.lease(), service.ttl(), service, revision));
        } catch (EtcdRefusal refusal) {
            if (!refusal.leaseNotFound()) {
                throw refusal;
            }
            register(key, service, null); // the lease ran out between the renewal and the write
        }
    }

    private void revokeQuietly(long lease, String key) {
        try {
            api.revoke(lease);
        } catch (DiscoveryException e) {
            // The lease holds no key of ours any more and runs out with its TTL.
            LOG.debug("etcd: could not revoke the old lease of {}: {}", key, e.getMessage());
        }
    }

    private ReentrantLock lock(String key) {
        return locks.computeIfAbsent(key, k -> new ReentrantLock());
    }
}
