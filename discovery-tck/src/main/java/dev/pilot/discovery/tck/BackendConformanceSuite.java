package dev.pilot.discovery.tck;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static dev.pilot.discovery.tck.Timing.PUSH_LIMIT;
import static dev.pilot.discovery.tck.Timing.RECOVERY;
import static dev.pilot.discovery.tck.Timing.REQUEST_TIMEOUT;
import static dev.pilot.discovery.tck.Timing.TTL_GRACE;
import static dev.pilot.discovery.tck.Timing.TTL_LOWER_BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.testservers.TestServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The backend contract of {@link ServiceBackend}, run against a real server. A backend module
 * subclasses this suite, starts its server in {@link #startServer()} and connects clients to it
 * in {@link #connect(TestServer)}; the suite does the rest. The server is started once per class.
 *
 * <p>Every test uses service names of its own, so tests never see each other's instances. The
 * fault tests stop and restart the server; they always leave it running.
 *
 * <p>Backends whose catalog stores raw documents also implement {@link MalformedEntriesContract};
 * the security contract (TLS, credentials) lives in each backend's own tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BackendConformanceSuite {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private TestServer server;
    /** The client under test, new for each test. */
    protected ServiceBackend backend;
    /** A second, independent client of the same server, new for each test. */
    protected ServiceBackend observer;
    private final List<ServiceBackend> extraClients = new ArrayList<>();

    /** Starts the backend's real server; called once per test class. */
    protected abstract TestServer startServer() throws Exception;

    /**
     * A new client of {@code server}, configured with a request timeout of
     * {@link Timing#REQUEST_TIMEOUT} or less.
     */
    protected abstract ServiceBackend connect(TestServer server);

    /** What the backend under test declares in {@link ServiceBackend#capabilities()}. */
    protected abstract Set<Capability> expectedCapabilities();

    /** The request timeout that {@link #connect} configures; every operation ends within it plus a second. */
    protected Duration requestTimeout() {
        return REQUEST_TIMEOUT;
    }

    /**
     * How long a client keeps its session while it cannot reach the server (ZooKeeper); zero when
     * the backend has no session. The outage tests last longer than this, so a backend that
     * clears its sets when the session expires fails them.
     */
    protected Duration sessionTimeout() {
        return Duration.ZERO;
    }


    /**
     * Whether the catalog ties a client's registrations to its session, so that {@code close()},
     * which ends the session, takes them out at once (ZooKeeper's ephemeral nodes). False for
     * catalogs where they live until their TTL runs out, as when the process dies.
     */
    protected boolean registrationsEndWithTheSession() {
        return false;
    }

    @BeforeAll
    final void startTheServer() throws Exception {
        server = startServer();
    }

    @AfterAll
    final void stopTheServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    final void connectClients() {
        backend = connect(server);
        observer = connect(server);
    }

    @AfterEach
    final void closeClients() {
        closeQuietly(backend);
        closeQuietly(observer);
        extraClients.forEach(BackendConformanceSuite::closeQuietly);
        extraClients.clear();
    }

    /** The running server. */
    protected final TestServer server() {
        return server;
    }

    /** Another client of the server, closed after the test. */
    protected final ServiceBackend newClient() {
        ServiceBackend client = connect(server);
        extraClients.add(client);
        return client;
    }

    /** A service name no other test uses. */
    protected static String uniqueName(String base) {
        return base + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    /** An instance of {@code name} on 127.0.0.1 with a TTL long enough not to expire in a test. */
    protected static ServiceDefinition service(String name, int port, String... tags) {
        return new ServiceDefinition(name + "-" + port, name, port, Duration.ofSeconds(30), List.of(tags), "127.0.0.1");
    }

    protected static ServiceDefinition withTtl(ServiceDefinition service, Duration ttl) {
        return new ServiceDefinition(service.id(), service.name(), service.port(), ttl, service.tags(),
                service.ipAddress(), service.meta());
    }

    protected static ServiceDefinition withMeta(ServiceDefinition service, Map<String, String> meta) {
        return new ServiceDefinition(service.id(), service.name(), service.port(), service.ttl(), service.tags(),
                service.ipAddress(), meta);
    }

    protected static List<String> ids(List<Instance> instances) {
        return instances.stream().map(Instance::id).toList();
    }

    private List<String> visibleIds(ServiceBackend client, String name, String tag) {
        return ids(client.instances(name, tag));
    }

    @Nested
    class RegisterAndRefresh {

        /** How long the thread-safety check keeps eight threads sending heartbeats at once, at least. */
        private static final Duration OVERLAP_WINDOW = Duration.ofMillis(300);

        @Test
        void firstHeartbeatMakesTheInstanceVisibleToAnotherClient() {
            ServiceDefinition web = service(uniqueName("web"), 8080, "blue");

            backend.sendHeartbeat(web);

            await().atMost(PROMPTLY).untilAsserted(() ->
                    assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance()));
        }

        @Test
        void heartbeatsKeepTheInstanceHealthyPastItsTtl() {
            ServiceDefinition web = withTtl(service(uniqueName("web"), 8080), Duration.ofSeconds(2));
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));

            // Longer than the TTL plus the grace the suite allows, so a backend that ignores
            // refreshes fails; every scheduled heartbeat's failure is kept, not swallowed.
            Duration watched = web.ttl().plus(TTL_GRACE).plusMillis(500);
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicInteger sent = new AtomicInteger();
            ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
            try {
                heartbeats.scheduleAtFixedRate(() -> {
                    try {
                        backend.sendHeartbeat(web);
                        sent.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }, 0, 500, TimeUnit.MILLISECONDS);
                // every look, not the last: an instance that drops out between two heartbeats fails
                Throughout.holds("healthy while heartbeats go on", watched,
                        () -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));
            } finally {
                // stops the schedule and lets a heartbeat in flight finish: interrupting it would count it as failed
                Threads.close(heartbeats);
            }
            assertThat(failures).as("failed heartbeats").isEmpty();
            assertThat(sent.get()).as("heartbeats sent in %s ms", watched.toMillis())
                    .isGreaterThanOrEqualTo((int) (watched.toMillis() / 500 / 2));
        }

        @Test
        void heartbeatsAreIdempotentAndThreadSafe() throws Exception {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            List<Future<?>> results = new ArrayList<>();
            // Platform threads, each sending heartbeats back to back for at least OVERLAP_WINDOW
            // (and at least ten): a heartbeat can be quicker than waking a thread (a few
            // microseconds on local), so ten rounds of eight, even started together, could each
            // finish before the next began and nothing overlap. Back to back on every core, with
            // the OS preempting threads in the middle of a call, thousands of heartbeats overlap.
            ExecutorService threads = Executors.newFixedThreadPool(8);
            long overlapUntil = System.nanoTime() + OVERLAP_WINDOW.toNanos();
            try {
                for (int t = 0; t < 8; t++) {
                    results.add(threads.submit(() -> {
                        for (int i = 0; i < 10 || System.nanoTime() < overlapUntil; i++) {
                            backend.sendHeartbeat(web);
                        }
                        return null;
                    }));
                }
                for (Future<?> result : results) {
                    result.get(30, TimeUnit.SECONDS);
                }
            } finally {
                Threads.close(threads);
            }

            await().atMost(PROMPTLY).untilAsserted(() ->
                    assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance()));
        }

        @Test
        void instancesAreSortedById() {
            String name = uniqueName("web");
            backend.sendHeartbeat(service(name, 8082));
            backend.sendHeartbeat(service(name, 8080));
            backend.sendHeartbeat(service(name, 8081));

            await("instances sorted by id").atMost(PROMPTLY).untilAsserted(() -> assertThat(visibleIds(observer, name, ""))
                    .containsExactly(name + "-8080", name + "-8081", name + "-8082"));
        }

        @Test
        void aHeartbeatWithANewAddressUpdatesTheRegistration() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").equals(List.of(web.toInstance())));

            ServiceDefinition moved = new ServiceDefinition(web.id(), web.name(), 9090, web.ttl(), web.tags(), "127.0.0.2");
            backend.sendHeartbeat(moved);

            await().atMost(PROMPTLY).untilAsserted(() ->
                    assertThat(observer.instances(web.name(), "")).containsExactly(moved.toInstance()));
        }
        @Test
        void anInstancesMetadataReachesOtherClients() {
            ServiceDefinition web = withMeta(service(uniqueName("web"), 8080, "blue"), Map.of("version", "1.4.2", "zone", "eu-west-1a"));
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(web.name(), "", listener)) {
                backend.sendHeartbeat(web);

                await("metadata read back").atMost(PROMPTLY).untilAsserted(() ->
                        assertThat(observer.instances(web.name(), "")).singleElement()
                                .extracting(Instance::meta).isEqualTo(web.meta()));
                await("metadata delivered to a watch").atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
                assertThat(listener.last()).containsExactly(web.toInstance());
            }
        }

        @Test
        void aHeartbeatWithNewMetadataUpdatesTheRegistration() {
            ServiceDefinition web = withMeta(service(uniqueName("web"), 8080), Map.of("version", "1"));
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").equals(List.of(web.toInstance())));

            ServiceDefinition upgraded = withMeta(web, Map.of("version", "2", "zone", "b"));
            backend.sendHeartbeat(upgraded);

            await("new metadata read back").atMost(PROMPTLY).untilAsserted(() ->
                    assertThat(observer.instances(web.name(), "")).containsExactly(upgraded.toInstance()));
        }

        /**
         * Services whose names share a prefix ({@code db}, {@code db2}, {@code dbx}) are kept
         * apart: a catalog keyed by path that lists {@code <prefix>/db*} instead of
         * {@code <prefix>/db/} fails.
         */
        @Test
        void servicesWhoseNamesShareAPrefixAreKeptApart() {
            String name = uniqueName("db");
            ServiceDefinition db = service(name, 5432);
            ServiceDefinition db2 = service(name + "2", 5433);
            ServiceDefinition dbx = service(name + "x", 5434);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(name, "", listener)) {
                backend.sendHeartbeat(db2);
                backend.sendHeartbeat(dbx);
                backend.sendHeartbeat(db);

                await("each service sees only its own").atMost(PROMPTLY).untilAsserted(() -> {
                    assertThat(visibleIds(observer, name, "")).containsExactly(db.id());
                    assertThat(visibleIds(observer, db2.name(), "")).containsExactly(db2.id());
                    assertThat(visibleIds(observer, dbx.name(), "")).containsExactly(dbx.id());
                });
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));
                assertThat(listener.deliveries()).as("sets delivered to a watch of %s", name)
                        .allSatisfy(set -> assertThat(set).allSatisfy(instance -> assertThat(instance.name()).isEqualTo(name)));
            }
        }
    }

    @Nested
    class Ttl {

        /** The shortest lower-bound window worth checking, as a fraction of the TTL: longer than half, so expiry at ttl/2 cannot fit in it. */
        private static final double MINIMUM_WINDOW = 0.6;
        private static final int HEARTBEAT_ATTEMPTS = 5;

        @Test
        void instanceLeavesTheHealthySetWhenHeartbeatsStop() {
            Duration ttl = Duration.ofSeconds(2);
            ServiceDefinition web = withTtl(service(uniqueName("web"), 8080), ttl);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));

            // The lower bound: still healthy for most of its TTL after the last heartbeat, which
            // began at lastHeartbeat. A heartbeat that returns too late to leave a window that tells
            // 0.8 x ttl from an early expiry is sent again; when none does, the test fails.
            long lastHeartbeat = heartbeatLeavingALowerBoundWindow(web);
            Duration healthyAtLeast = Duration.ofNanos((long) (ttl.toNanos() * TTL_LOWER_BOUND) - (System.nanoTime() - lastHeartbeat));
            Throughout.holds("healthy until " + TTL_LOWER_BOUND + " x ttl after the last heartbeat", healthyAtLeast,
                    () -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));

            // The upper bound, also from the last heartbeat: gone within ttl + grace.
            Duration expiresWithin = ttl.plus(TTL_GRACE).minusNanos(System.nanoTime() - lastHeartbeat);
            await("expired within ttl + grace").atMost(expiresWithin).until(() -> observer.instances(web.name(), "").isEmpty());
        }

        /**
         * Sends a heartbeat and returns when it began, once one returned soon enough to leave a
         * lower-bound window longer than {@link #MINIMUM_WINDOW} of the TTL; fails after
         * {@link #HEARTBEAT_ATTEMPTS} heartbeats that all took too long.
         */
        private long heartbeatLeavingALowerBoundWindow(ServiceDefinition web) {
            List<Long> tookMillis = new ArrayList<>();
            for (int attempt = 0; attempt < HEARTBEAT_ATTEMPTS; attempt++) {
                long start = System.nanoTime();
                backend.sendHeartbeat(web);
                long took = System.nanoTime() - start;
                if (web.ttl().toNanos() * (TTL_LOWER_BOUND - MINIMUM_WINDOW) >= took) {
                    return start;
                }
                tookMillis.add(Duration.ofNanos(took).toMillis());
            }
            throw new AssertionError("the TTL lower bound could not be checked: " + HEARTBEAT_ATTEMPTS
                    + " heartbeats took " + tookMillis + " ms, each leaving less than " + MINIMUM_WINDOW
                    + " x ttl of the " + TTL_LOWER_BOUND + " x ttl window");
        }

        @Test
        void anExpiredInstanceComesBackWithTheNextHeartbeat() {
            Duration ttl = Duration.ofSeconds(2);
            ServiceDefinition web = withTtl(service(uniqueName("web"), 8080), ttl);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));
            await().atMost(ttl.plus(TTL_GRACE)).until(() -> observer.instances(web.name(), "").isEmpty());

            backend.sendHeartbeat(web);

            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));
        }
    }

    @Nested
    class Maintenance {

        @Test
        void maintenanceTakesTheInstanceOutOfTheHealthySet() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            ServiceDefinition peer = service(web.name(), 8081);
            backend.sendHeartbeat(web);
            backend.sendHeartbeat(peer);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").size() == 2);

            backend.markForMaintenance(web);

            await("instance in maintenance out of the set").atMost(PROMPTLY).untilAsserted(() ->
                    assertThat(visibleIds(observer, web.name(), "")).containsExactly(peer.id()));
        }

        @Test
        void theNextHeartbeatBringsAnInstanceBackFromMaintenance() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));
            backend.markForMaintenance(web);
            await().atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").isEmpty());

            backend.sendHeartbeat(web);

            await().atMost(PROMPTLY).untilAsserted(() ->
                    assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance()));
        }
    }

    @Nested
    class Deregister {

        @Test
        void aDeregisteredInstanceIsGone() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> !observer.instances(web.name(), "").isEmpty());

            backend.deregister(web);

            await("deregistered instance gone").atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").isEmpty());
        }

        @Test
        void deregisteringTwiceOrWithoutRegisteringIsFine() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            backend.deregister(web);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));
            backend.deregister(web);
            backend.deregister(web);

            await("deregistered instance gone").atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").isEmpty());
        }
    }

    @Nested
    class ChangeDetection {

        @Test
        void theFirstNonEmptyReadIsAChange() {
            ServiceDefinition db = service(uniqueName("db"), 5432);
            observer.sendHeartbeat(db);
            await().atMost(PROMPTLY).until(() -> !observer.instances(db.name(), "").isEmpty());

            assertThat(backend.checkForUpstreamChanges(db.name(), "")).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(backend.checkForUpstreamChanges(db.name(), "")).as("unchanged set, call %d", i + 2).isFalse();
            }
        }

        @Test
        void anEmptyFirstReadIsNotAChange() {
            assertThat(backend.checkForUpstreamChanges(uniqueName("nothing"), "")).isFalse();
        }

        @Test
        void addedRemovedAndReaddressedInstancesAreChanges() {
            String name = uniqueName("db");
            ServiceDefinition first = service(name, 5432);
            observer.sendHeartbeat(first);
            awaitChange(name, "");

            ServiceDefinition second = service(name, 5433);
            observer.sendHeartbeat(second);
            awaitChange(name, "");

            observer.sendHeartbeat(new ServiceDefinition(second.id(), name, 6000, second.ttl(), List.of(), "127.0.0.1"));
            awaitChange(name, "");

            observer.deregister(first);
            awaitChange(name, "");

            assertThat(backend.checkForUpstreamChanges(name, "")).isFalse();
        }

        @Test
        void changesAreTrackedPerBackendObject() {
            ServiceDefinition db = service(uniqueName("db"), 5432);
            observer.sendHeartbeat(db);
            awaitChange(db.name(), "");

            ServiceBackend another = newClient();
            assertThat(another.checkForUpstreamChanges(db.name(), "")).isTrue();
            assertThat(backend.checkForUpstreamChanges(db.name(), "")).isFalse();
        }

        @Test
        void changesAreTrackedPerNameAndTag() {
            String name = uniqueName("db");
            observer.sendHeartbeat(service(name, 5432, "primary"));
            awaitChange(name, "primary");

            observer.sendHeartbeat(service(name, 5433, "replica"));
            awaitChange(name, "replica");

            assertThat(backend.checkForUpstreamChanges(name, "primary")).isFalse();
            assertThat(backend.checkForUpstreamChanges(name, "")).isTrue();
        }

        private void awaitChange(String name, String tag) {
            await().atMost(PROMPTLY).until(() -> backend.checkForUpstreamChanges(name, tag));
        }
    }

    @Nested
    class Tags {

        @Test
        void aTagFiltersTheHealthySet() {
            String name = uniqueName("api");
            ServiceDefinition blue = service(name, 8080, "blue", "v1");
            ServiceDefinition green = service(name, 8081, "green", "v1");
            backend.sendHeartbeat(blue);
            backend.sendHeartbeat(green);

            await("sets filtered by tag").atMost(PROMPTLY).untilAsserted(() -> {
                assertThat(visibleIds(observer, name, "blue")).containsExactly(blue.id());
                assertThat(visibleIds(observer, name, "green")).containsExactly(green.id());
                assertThat(visibleIds(observer, name, "v1")).containsExactly(blue.id(), green.id());
                assertThat(visibleIds(observer, name, "")).containsExactly(blue.id(), green.id());
                assertThat(visibleIds(observer, name, "red")).isEmpty();
            });
        }

        @Test
        void aTaggedWatchSeesOnlyTaggedInstances() {
            String name = uniqueName("api");
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(name, "blue", listener)) {
                backend.sendHeartbeat(service(name, 8081, "green"));
                ServiceDefinition blue = service(name, 8080, "blue");
                backend.sendHeartbeat(blue);

                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(blue.id())));
                assertThat(listener.deliveries()).allSatisfy(set -> assertThat(ids(set)).doesNotContain(name + "-8081"));
            }
        }
    }

    @Nested
    class Watching {

        @Test
        void aWatchDeliversTheCurrentSetFirst() {
            ServiceDefinition db = service(uniqueName("db"), 5432);
            backend.sendHeartbeat(db);
            await().atMost(PROMPTLY).until(() -> !observer.instances(db.name(), "").isEmpty());

            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(db.name(), "", listener)) {
                await().atMost(PROMPTLY).until(() -> listener.count() >= 1);
                assertThat(listener.deliveries().get(0)).containsExactly(db.toInstance());
            }
        }

        @Test
        void aChangeReachesTheListenerPromptly() {
            String name = uniqueName("db");
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(name, "", listener)) {
                ServiceDefinition db = service(name, 5432);
                backend.sendHeartbeat(db);
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));

                backend.deregister(db);
                await().atMost(PROMPTLY).until(() -> listener.last() != null && listener.last().isEmpty());
            }
        }

        @Test
        void anUnchangedSetIsNotDeliveredAgain() {
            String name = uniqueName("db");
            ServiceDefinition db = service(name, 5432);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(name, "", listener)) {
                backend.sendHeartbeat(db);
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));
                int deliveries = listener.count();

                for (int i = 0; i < 5; i++) {
                    backend.sendHeartbeat(db);
                }

                Throughout.holds("no delivery of an unchanged set", PROMPTLY, () -> listener.count() == deliveries);
            }
        }

        @Test
        void aCancelledWatchReceivesNothing() {
            String name = uniqueName("db");
            RecordingListener listener = new RecordingListener();
            Watch watch = observer.watch(name, "", listener);
            backend.sendHeartbeat(service(name, 5432));
            await().atMost(PROMPTLY).until(() -> listener.lastIds().size() == 1);

            watch.cancel();
            int deliveries = listener.count();
            backend.sendHeartbeat(service(name, 5433));

            Throughout.holds("no delivery after cancel()", PROMPTLY, () -> listener.count() == deliveries);
            watch.cancel();
        }

        @Test
        void twoWatchesOfOneUpstreamBothReceiveChanges() {
            String name = uniqueName("db");
            RecordingListener first = new RecordingListener();
            RecordingListener second = new RecordingListener();
            try (Watch a = observer.watch(name, "", first); Watch b = observer.watch(name, "", second)) {
                ServiceDefinition db = service(name, 5432);
                backend.sendHeartbeat(db);

                await("both watches delivered").atMost(PROMPTLY).until(() -> first.lastIds().equals(List.of(db.id()))
                        && second.lastIds().equals(List.of(db.id())));
            }
        }

        /**
         * Push, not polling, at any slack: the median latency of isolated changes, from the write's
         * answer to the listener, stays under a fixed {@link Timing#PUSH_LIMIT}. A 1 s poller's
         * median is about 500 ms; real backends take a few milliseconds. Stops as soon as more than
         * half the changes were late.
         */
        @Test
        void changesArePushedWithinAFixedLimitWhateverTheSlack() {
            String name = uniqueName("push");
            int changes = 10;
            RecordingListener listener = new RecordingListener();
            backend.sendHeartbeat(service(name, 20_000));
            try (Watch ignored = observer.watch(name, "", listener)) {
                await().atMost(PROMPTLY).until(() -> listener.lastIds().size() == 1);
                List<Long> latencies = new ArrayList<>();
                int late = 0;
                for (int i = 1; i <= changes && late <= changes / 2; i++) {
                    int expected = i + 1;
                    backend.sendHeartbeat(service(name, 20_000 + i));
                    // From the write's return, so a slow disk or a busy server is not counted as
                    // the watch's latency; a push that beat the write's answer counts as 0.
                    long written = System.nanoTime();
                    await("change " + i + " delivered").atMost(PROMPTLY).pollInterval(Duration.ofMillis(5))
                            .until(() -> listener.lastIds().size() == expected);
                    long latency = Math.max(0, listener.arrivalOfFirst(set -> set.size() == expected) - written);
                    latencies.add(Duration.ofNanos(latency).toMillis());
                    late += Duration.ofNanos(latency).compareTo(PUSH_LIMIT) > 0 ? 1 : 0;
                }
                List<Long> sorted = latencies.stream().sorted().toList();
                long median = late > changes / 2 ? sorted.get(sorted.size() - 1) : sorted.get(sorted.size() / 2);
                System.out.printf("[%s] push latency: median %d ms of %s (limit %d ms)%n", BackendConformanceSuite.this.getClass().getSimpleName(),
                        median, latencies, PUSH_LIMIT.toMillis());
                assertThat(median).as("median push latency in ms of %s", latencies)
                        .isLessThanOrEqualTo(PUSH_LIMIT.toMillis());
            }
        }

        @Test
        void aWatchResyncsByItselfAfterTheServerRestarts() {
            String name = uniqueName("db");
            ServiceDefinition before = service(name, 5432);
            backend.sendHeartbeat(before);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(name, "", listener)) {
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(before.id())));

                server().restart(true);
                ServiceDefinition after = service(name, 5433);
                await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> backend.sendHeartbeat(after));
                backend.deregister(before);

                await().atMost(RECOVERY).until(() -> listener.lastIds().equals(List.of(after.id())));
            }
        }
    }

    @Nested
    class Faults {

        @Test
        void anUnreachableServerFailsWithADiscoveryExceptionWithinTheTimeout() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            server().stop();
            try {
                long start = System.nanoTime();
                assertThatThrownBy(() -> backend.sendHeartbeat(web))
                        .isInstanceOf(DiscoveryException.class)
                        .hasMessageContaining(backend.name());
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertThat(took).isLessThan(requestTimeout().plusSeconds(1));
                // a read of a set this client never saw has nothing to serve: it fails, never []
                String neverRead = uniqueName("never-read");
                assertThatThrownBy(() -> backend.instances(neverRead, ""))
                        .as("instances() of a set never read, while the server is unreachable")
                        .isInstanceOf(DiscoveryException.class);
            } finally {
                server().start();
            }
        }

        @Test
        void aHeartbeatThatFailedIsRetriedByTheNext() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            server().stop();
            try {
                assertThatThrownBy(() -> backend.sendHeartbeat(web)).isInstanceOf(DiscoveryException.class);
            } finally {
                server().start();
            }

            await("registered by a heartbeat after the failed one").atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> {
                backend.sendHeartbeat(web);
                assertThat(observer.instances(web.name(), "")).containsExactly(web.toInstance());
            });
        }

        @Test
        void anOutageIsNotAChangeAndKeepsTheLastKnownSet() {
            ServiceDefinition db = service(uniqueName("db"), 5432);
            observer.sendHeartbeat(db);
            await().atMost(PROMPTLY).until(() -> backend.checkForUpstreamChanges(db.name(), ""));
            RecordingListener listener = new RecordingListener();
            Watch watch = backend.watch(db.name(), "", listener);
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));

            int beforeTheOutage = listener.count();
            server().stop();
            try {
                assertThat(backend.checkForUpstreamChanges(db.name(), "")).isFalse();
                assertThat(backend.instances(db.name(), "")).containsExactly(db.toInstance());
                // Longer than a session, so a backend that clears its sets when its session expires fails.
                Duration outage = PROMPTLY.plus(sessionTimeout());
                Throughout.holds("last set kept through the outage", outage,
                        () -> listener.lastIds().equals(List.of(db.id())));
                assertThat(backend.checkForUpstreamChanges(db.name(), "")).isFalse();
                assertThat(backend.instances(db.name(), "")).containsExactly(db.toInstance());
                // every delivery, not only the last: an empty set delivered and taken back is a flap
                List<List<Instance>> delivered = listener.deliveries();
                List<List<Instance>> duringTheOutage = delivered.subList(beforeTheOutage, delivered.size());
                assertThat(duringTheOutage).as("sets delivered during the outage").allSatisfy(set ->
                        assertThat(set).containsExactly(db.toInstance()));
            } finally {
                watch.cancel();
                server().start();
            }
        }

        @Test
        void anOutageIsHeardAsStaleOnceAndRecoveredAfter() {
            ServiceDefinition db = service(uniqueName("db"), 5432);
            observer.sendHeartbeat(db);
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = backend.watch(db.name(), "", listener)) {
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(db.id())));
                assertThat(listener.staleness()).isEmpty();

                server().stop();
                try {
                    await().atMost(RECOVERY).until(() -> listener.staleness().equals(List.of("stale")));
                } finally {
                    server().start();
                }

                await().atMost(RECOVERY).until(() -> listener.staleness().equals(List.of("stale", "recovered")));
            }
        }

        @Test
        void theNextHeartbeatReregistersAfterTheServerComesBackWiped() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            backend.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> !observer.instances(web.name(), "").isEmpty());

            server().restart(true);

            // A fresh client knows no set, so a failed read throws instead of serving the old one.
            ServiceBackend fresh = newClient();
            await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> {
                backend.sendHeartbeat(web);
                assertThat(fresh.instances(web.name(), "")).containsExactly(web.toInstance());
            });
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void capabilitiesAreWhatTheBackendDeclares() {
            Set<Capability> capabilities = backend.capabilities();

            assertThat(capabilities).isEqualTo(expectedCapabilities());
            assertThat(Backends.fromClassPath().names()).as("the names backends are registered under")
                    .contains(backend.name());
            assertThatThrownBy(() -> capabilities.add(Capability.METADATA)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void closeStopsEveryWatchPromptlyAndIsHarmlessTwice() {
            String name = uniqueName("closing");
            ServiceBackend client = newClient();
            RecordingListener listener = new RecordingListener();
            client.watch(name, "", listener);
            ServiceDefinition first = service(name, 8080);
            backend.sendHeartbeat(first);
            await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(first.id())));

            assertEndsPromptly("close()", client::close);
            int deliveries = listener.count();
            backend.sendHeartbeat(service(name, 8081));
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, name, "").size() == 2);

            Throughout.holds("no delivery after close()", PROMPTLY, () -> listener.count() == deliveries);
            assertThatCode(client::close).as("a second close()").doesNotThrowAnyException();
        }
        /**
         * close() releases the client only: its registrations stay until their TTL runs out, or,
         * where the catalog ties them to the session ({@link #registrationsEndWithTheSession()}),
         * they end with it at once, as they would when the process dies.
         */
        @Test
        void closeDoesNotDeregister() {
            ServiceDefinition web = service(uniqueName("web"), 8080);
            ServiceBackend client = newClient();
            client.sendHeartbeat(web);
            await().atMost(PROMPTLY).until(() -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));

            client.close();

            if (registrationsEndWithTheSession()) {
                await("registration gone with the session").atMost(PROMPTLY).until(() -> observer.instances(web.name(), "").isEmpty());
            } else {
                Throughout.holds("registered after close()", PROMPTLY,
                        () -> visibleIds(observer, web.name(), "").equals(List.of(web.id())));
            }
        }
    }

    /** Runs {@code action} on its own thread, so one that hangs fails the test instead of stalling it. */
    static void assertEndsPromptly(String what, Runnable action) {
        CompletableFuture<Void> done = CompletableFuture.runAsync(action, command -> Threads.start("pilot-tck-ends-promptly", command));
        assertThat(done).as(what).succeedsWithin(PROMPTLY);
    }

    static void closeQuietly(ServiceBackend client) {
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException ignored) {
                // a failing close must not hide the test's own result
            }
        }
    }
}
