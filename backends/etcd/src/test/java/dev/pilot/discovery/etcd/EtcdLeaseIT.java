package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.EtcdServer;
import dev.pilot.testservers.TcpProxy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How registrations use etcd leases, seen with a raw client: one lease per instance with the
 * service's TTL, renewed by each heartbeat without rewriting the key (the renewals of heartbeats at
 * the same moment in a few requests), revoked on deregistration
 * and maintenance; a key lost behind the backend's back is written again; a registration whose
 * answer was lost is not undone.
 */
class EtcdLeaseIT {

    @RegisterExtension
    static final ServerExtension<EtcdServer> ETCD = ServerExtension.of(EtcdServer::launch);

    private final RawEtcd raw = new RawEtcd(ETCD.server().address());
    private ServiceBackend backend;

    @BeforeEach
    void connect() {
        backend = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + ETCD.server().address()));
    }

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void eachInstanceHasItsOwnLeaseWithTheServicesTtl() {
        ServiceDefinition web = service(Duration.ofSeconds(17));
        ServiceDefinition peer = new ServiceDefinition(web.name() + "-2", web.name(), 8081, Duration.ofSeconds(23), List.of(), "127.0.0.1");

        backend.sendHeartbeat(web);
        backend.sendHeartbeat(peer);

        long webLease = raw.lease(key(web)).orElseThrow();
        long peerLease = raw.lease(key(peer)).orElseThrow();
        assertThat(webLease).isNotZero().isNotEqualTo(peerLease);
        assertThat(raw.grantedTtl(webLease)).isEqualTo(17);
        assertThat(raw.grantedTtl(peerLease)).isEqualTo(23);
    }

    @Test
    void aHeartbeatRenewsTheLeaseWithoutRewritingTheKey() {
        ServiceDefinition web = service(Duration.ofSeconds(4));
        backend.sendHeartbeat(web);
        long written = raw.modRevision(key(web)).orElseThrow();
        long lease = raw.lease(key(web)).orElseThrow();
        // Let the lease run down first, so that a TTL back at the top proves a renewal.
        await().atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(100)).until(() -> raw.timeToLive(lease) <= 2);

        backend.sendHeartbeat(web);

        assertThat(raw.timeToLive(lease)).as("remaining TTL after the renewing heartbeat").isGreaterThanOrEqualTo(3);
        assertThat(raw.modRevision(key(web))).contains(written);
        assertThat(raw.lease(key(web))).contains(lease);
    }

    /**
     * What an agent's services do every poll: heartbeat at the same moment. Their renewals go to
     * etcd together, a few requests for all of them, and each lease is renewed.
     */
    @Test
    void heartbeatsAtTheSameMomentRenewEveryLeaseInAFewRequests() throws InterruptedException {
        int count = 200;
        // Long enough that the first lease cannot run out while the other 199 are registered (400
        // writes, each synced to a disk that may be slow on a busy machine).
        Duration ttl = Duration.ofSeconds(30);
        List<ServiceDefinition> services = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            services.add(service(ttl));
        }
        services.forEach(backend::sendHeartbeat);
        List<Long> leases = services.stream().map(service -> raw.lease(key(service)).orElseThrow()).toList();
        long lastLease = leases.get(count - 1);
        // Let the leases run down first (the last granted has the most left), so that a TTL back at
        // the top proves a renewal.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> raw.timeToLive(lastLease) <= ttl.toSeconds() - 5);
        long streamsBefore = raw.keepAliveStreams();

        Queue<Throwable> failures = heartbeatAtOnce(backend, services);

        assertThat(failures).as("heartbeats that failed").isEmpty();
        assertThat(leases).as("each lease after its renewal").allSatisfy(lease ->
                assertThat(raw.timeToLive(lease)).as("remaining TTL of lease %x", lease)
                        .isGreaterThanOrEqualTo(ttl.toSeconds() - 3));
        assertThat(raw.keepAliveStreams() - streamsBefore).as("renewal requests for %d heartbeats", count)
                .isPositive().isLessThanOrEqualTo(count / 4);
        assertThat(services).allSatisfy(service -> assertThat(raw.lease(key(service))).as(service.id())
                .contains(leases.get(services.indexOf(service))));
    }

    @Test
    void deregisterAndMaintenanceDeleteTheKeyAndRevokeTheLease() {
        ServiceDefinition web = service(Duration.ofSeconds(30));
        backend.sendHeartbeat(web);
        long first = raw.lease(key(web)).orElseThrow();

        backend.markForMaintenance(web);
        assertThat(raw.get(key(web))).isEmpty();
        assertThat(raw.timeToLive(first)).isEqualTo(-1);

        backend.sendHeartbeat(web);
        long second = raw.lease(key(web)).orElseThrow();
        assertThat(second).isNotEqualTo(first);
        backend.deregister(web);
        assertThat(raw.get(key(web))).isEmpty();
        assertThat(raw.timeToLive(second)).isEqualTo(-1);
    }

    @Test
    void aKeyDeletedOrOverwrittenBehindTheBackendsBackIsWrittenAgainByTheNextHeartbeat() {
        ServiceDefinition web = service(Duration.ofSeconds(30));
        backend.sendHeartbeat(web);
        long lease = raw.lease(key(web)).orElseThrow();

        raw.delete(key(web));
        backend.sendHeartbeat(web);
        assertThat(raw.lease(key(web))).contains(lease);

        raw.put(key(web), "{\"id\":\"someone else\"}");
        backend.sendHeartbeat(web);
        assertThat(raw.lease(key(web))).contains(lease);
        assertThat(backend.instances(web.name(), "")).containsExactly(web.toInstance());
    }

    @Test
    void aChangedTtlTakesANewLeaseAndRevokesTheOldOne() {
        ServiceDefinition web = service(Duration.ofSeconds(30));
        backend.sendHeartbeat(web);
        long old = raw.lease(key(web)).orElseThrow();

        ServiceDefinition longer = new ServiceDefinition(web.id(), web.name(), web.port(), Duration.ofSeconds(60), web.tags(), web.ipAddress());
        backend.sendHeartbeat(longer);

        long renewed = raw.lease(key(web)).orElseThrow();
        assertThat(renewed).isNotEqualTo(old);
        assertThat(raw.grantedTtl(renewed)).isEqualTo(60);
        assertThat(raw.timeToLive(old)).isEqualTo(-1);
    }

    /**
     * A put whose answer is lost may have been written: revoking its lease then would delete the
     * key it just wrote. The lease is left to run out instead, and the next heartbeat registers on
     * a lease of its own.
     */
    @Test
    void aRegistrationWhoseAnswerWasLostIsNotUndoneAndTheNextHeartbeatTakesItOver() throws IOException {
        ServiceDefinition web = service(Duration.ofSeconds(30));
        AtomicBoolean losePut = new AtomicBoolean(true);
        AtomicReference<TcpProxy> proxy = new AtomicReference<>();
        TcpProxy.Upstream losingThePutsAnswer = (in, out) -> {
            byte[] buffer = new byte[16 * 1024];
            String tail = "";
            int n;
            while ((n = in.read(buffer)) >= 0) {
                String seen = tail + new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                if (seen.contains("/v3/kv/put") && losePut.compareAndSet(true, false)) {
                    proxy.get().cutAnswers(); // before the put leaves: its answer cannot slip through
                }
                tail = seen.substring(Math.max(0, seen.length() - 16));
                out.write(buffer, 0, n);
            }
        };
        try (TcpProxy lossy = new TcpProxy(ETCD.server().address(), losingThePutsAnswer)) {
            proxy.set(lossy);
            ServiceBackend throughIt = new EtcdBackendProvider().create(Map.of("endpoints", "http://" + lossy.address(), "timeout", "1s"));
            assertThatThrownBy(() -> throughIt.sendHeartbeat(web)).as("the heartbeat whose put went unanswered")
                    .isInstanceOf(DiscoveryException.class);
            long written = raw.lease(key(web)).orElseThrow(() -> new AssertionError("the put that reached etcd was undone"));
            assertThat(raw.timeToLive(written)).as("its lease, left to run out").isPositive();

            lossy.heal();
            throughIt.sendHeartbeat(web);
            long taken = raw.lease(key(web)).orElseThrow();
            assertThat(taken).as("the key's lease after the next heartbeat").isNotEqualTo(written);
            assertThat(raw.get(key(web))).isPresent();
            throughIt.close();
        }
    }

    /** Sends one heartbeat for each of {@code services}, all at the same moment; returns the failures. */
    private static Queue<Throwable> heartbeatAtOnce(ServiceBackend backend, List<ServiceDefinition> services)
            throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> heartbeats = new ArrayList<>();
        for (ServiceDefinition service : services) {
            Thread heartbeat = new Thread(() -> {
                try {
                    start.await();
                    backend.sendHeartbeat(service);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            heartbeat.start();
            heartbeats.add(heartbeat);
        }
        start.countDown();
        for (Thread heartbeat : heartbeats) {
            heartbeat.join(Duration.ofSeconds(10).toMillis());
        }
        return failures;
    }

    private static ServiceDefinition service(Duration ttl) {
        String name = "leased-" + UUID.randomUUID().toString().substring(0, 8);
        return new ServiceDefinition(name + "-1", name, 8080, ttl, List.of(), "127.0.0.1");
    }

    private static String key(ServiceDefinition service) {
        return "/containerpilot/" + service.name() + "/" + service.id();
    }
}
