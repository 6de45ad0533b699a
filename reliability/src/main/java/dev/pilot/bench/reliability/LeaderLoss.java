package dev.pilot.bench.reliability;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.testservers.ConsulCluster;
import dev.pilot.testservers.EtcdCluster;
import dev.pilot.testservers.ZooKeeperEnsemble;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import java.util.function.IntConsumer;

/**
 * Leader loss under load: a three-node cluster (etcd, or a ZooKeeper ensemble), a {@link Fleet}
 * of {@code services} heartbeating services and as many watches connected to every node, and the
 * leader killed every {@code every} (started again halfway to the next kill) for {@code length}.
 * An independent client watches the same services: a delivery to it without a service's instance
 * is a missed TTL (the catalog really lost it); one to the fleet's own watches is a spurious
 * change the agent would act on. Each run ends with a change every watch must see (a second
 * instance of every service, written by the independent client): a watch that died at a kill
 * would report no spurious change, so the watches that saw it are counted. Bounded: it stops
 * after {@code length}, and the final change is awaited at most {@link #FINAL_CHANGE_WITHIN}.
 */
final class LeaderLoss {

    /** What one run saw. */
    record Result(String backend, int services, int leaderKills, long missedTtls, int servicesMissed,
                  long spuriousChanges, long failedHeartbeats, long heartbeats, int lostAtEnd,
                  int watchesAliveAtEnd, String note) {}

    static final Duration FINAL_CHANGE_WITHIN = Duration.ofSeconds(60);

    private LeaderLoss() {}

    static Result etcd(int services, Duration every, Duration length) {
        try (EtcdCluster cluster = EtcdCluster.launch()) {
            List<String> endpoints = cluster.nodeAddresses().stream().map(a -> "http://" + a).toList();
            return run("etcd", Map.of("endpoints", endpoints), services, every, length, cluster::killLeader,
                    cluster::startNode);
        }
    }

    /** Consul as deployed: three servers, Pilot on a client agent joined to them. */
    static Result consul(int services, Duration every, Duration length) {
        try (ConsulCluster cluster = ConsulCluster.launch()) {
            return run("consul", Map.of("address", cluster.clientAddress()), services, every, length,
                    cluster::killLeader, cluster::startServer);
        }
    }

    static Result zookeeper(int services, Duration every, Duration length) {
        try (ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.launch()) {
            return run("zookeeper", Map.of("address", ensemble.address()), services, every, length,
                    ensemble::killLeader, ensemble::startServer);
        }
    }

    /**
     * Adds a second instance to every service with {@code observer} and waits (at most
     * {@link #FINAL_CHANGE_WITHIN}) until every fleet watch delivered a set holding both; returns
     * how many did. The second instances are removed again.
     */
    private static int watchesThatSeeAChange(ServiceBackend observer, Fleet fleet) {
        List<ServiceDefinition> seconds = fleet.services().stream().map(service -> new ServiceDefinition(
                service.name() + "-2", service.name(), service.port() + 1, Duration.ofMinutes(5), List.of(),
                "127.0.0.1")).toList();
        long changedAt = System.nanoTime();
        seconds.forEach(observer::sendHeartbeat);
        try {
            FaultRun.until(FINAL_CHANGE_WITHIN, () -> fleet.watchesThatSawTwoSince(changedAt) == seconds.size());
            return fleet.watchesThatSawTwoSince(changedAt);
        } finally {
            for (ServiceDefinition second : seconds) {
                try {
                    observer.deregister(second);
                } catch (RuntimeException e) {
                    // the cluster goes away with the run
                }
            }
        }
    }

    private static Result run(String backend, Object config, int services, Duration every, Duration length,
                              IntSupplier killLeader, IntConsumer startNode) {
        Backends backends = Backends.fromClassPath();
        try (ServiceBackend agent = backends.create(backend, config);
             ServiceBackend observer = backends.create(backend, config);
             Fleet fleet = new Fleet(agent, services, "lead")) {
            fleet.start();
            if (!FaultRun.until(Duration.ofSeconds(120), fleet::everyWatchComplete)) {
                return new Result(backend, services, 0, 0, 0, 0, 0, 0, services, 0, "the fleet did not register within 120 s");
            }
            AtomicLong missed = new AtomicLong();
            Set<String> servicesMissed = ConcurrentHashMap.newKeySet();
            List<Watch> watches = new ArrayList<>();
            for (ServiceDefinition service : fleet.services()) {
                watches.add(observer.watch(service.name(), "", healthy -> {
                    if (healthy.stream().noneMatch(i -> i.id().equals(service.id()))) {
                        missed.incrementAndGet();
                        servicesMissed.add(service.name());
                    }
                }));
            }
            FaultRun.pause(Duration.ofSeconds(2)); // the observer's first deliveries
            missed.set(0);
            servicesMissed.clear();
            long start = System.nanoTime();
            long failedBefore = fleet.failedHeartbeats();
            long sentBefore = fleet.heartbeatsSent();
            int kills = 0;
            while (System.nanoTime() - start < length.toNanos()) {
                int leader = killLeader.getAsInt();
                kills++;
                FaultRun.pause(every.dividedBy(2));
                startNode.accept(leader);
                FaultRun.pause(every.dividedBy(2));
            }
            FaultRun.until(Duration.ofSeconds(60), fleet::everyWatchComplete);
            long spurious = fleet.deliveriesSince(start).stream().filter(d -> !d.complete()).count();
            int lost = services - FaultRun.registered(observer, fleet.services());
            long failed = fleet.failedHeartbeats() - failedBefore;
            long sent = fleet.heartbeatsSent() - sentBefore;
            watches.forEach(Watch::cancel);
            int alive = watchesThatSeeAChange(observer, fleet);
            return new Result(backend, services, kills, missed.get(), servicesMissed.size(), spurious, failed, sent, lost,
                    alive, null);
        }
    }
}
