package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.Instance;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.SharedSource;
import dev.pilot.discovery.spi.UpstreamCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalSharedWatchTest {

    @Test
    void aFileEventReadsOnlyTheUpstreamsOfItsFolder(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        // both folders exist before the watch starts: no event about making them comes later
        Files.createDirectories(catalog.serviceDirectory("db"));
        Files.createDirectories(catalog.serviceDirectory("web"));
        AtomicInteger dbReads = new AtomicInteger();
        AtomicInteger webReads = new AtomicInteger();
        ServiceDefinition db = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "10.0.0.1");
        try (SharedSource watches = new SharedSource(watched -> new LocalSharedWatch(catalog, Duration.ofMinutes(1), watched))) {
            watches.start(new Upstream("db", ""), counting(dbReads));
            watches.start(new Upstream("web", ""), counting(webReads));
            assertThat(dbReads).hasValue(1);
            assertThat(webReads).hasValue(1);

            for (int i = 0; i < 5; i++) {
                int reads = dbReads.get(); // before the write: its event may be read at once
                catalog.write(db);
                await().atMost(Duration.ofSeconds(5)).until(() -> dbReads.get() > reads);
            }

            assertThat(webReads).as("web's folder had no event").hasValue(1);

            // the folders' events come in order: once web's is read, every one of db's was
            catalog.write(new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(30), List.of(), "10.0.0.2"));
            await().atMost(Duration.ofSeconds(5)).until(() -> webReads.get() >= 2);
            assertThat(dbReads).as("one read per write: the events of its temporary file need none").hasValue(1 + 5);
        }
    }

    /**
     * An event reads the instance file it names, not the folder: db-2's file changes through a
     * link in another folder, which makes no event in db's; db-1's event then leaves db-2 as it
     * was read (a read of the whole folder would see its new port).
     */
    @Test
    void anEventReadsOnlyTheFileItNames(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        catalog.write(new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "10.0.0.1"));
        catalog.write(new ServiceDefinition("db-2", "db", 5433, Duration.ofSeconds(30), List.of(), "10.0.0.2"));
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere"));
        Path link = Files.createLink(elsewhere.resolve("db-2.json"), catalog.serviceDirectory("db").resolve("db-2.json"));
        List<List<Instance>> dbSets = new CopyOnWriteArrayList<>();
        try (SharedSource watches = new SharedSource(watched -> new LocalSharedWatch(catalog, Duration.ofMinutes(10), watched))) {
            watches.start(new Upstream("db", ""), recording(dbSets));
            assertThat(dbSets.get(dbSets.size() - 1)).extracting(Instance::port).containsExactly(5432, 5433);

            String moved = Files.readString(link).replace("5433", "6433");
            Files.writeString(link, moved); // in place: the same file, and no event in db's folder
            catalog.write(new ServiceDefinition("db-1", "db", 6432, Duration.ofSeconds(30), List.of(), "10.0.0.1"));

            await().atMost(Duration.ofSeconds(5)).until(() -> dbSets.get(dbSets.size() - 1).get(0).port() == 6432);
            assertThat(dbSets.get(dbSets.size() - 1)).extracting(Instance::port).as("db-2 as first read").containsExactly(6432, 5433);
        }
    }

    @Test
    void anInstanceThatExpiresLeavesItsSetWhileAnotherFolderKeepsHavingEvents(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        Files.createDirectories(catalog.serviceDirectory("db"));
        Files.createDirectories(catalog.serviceDirectory("web"));
        ServiceDefinition db = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(1), List.of(), "10.0.0.1");
        ServiceDefinition web = new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(30), List.of(), "10.0.0.2");
        catalog.write(db);
        List<List<Instance>> dbSets = new CopyOnWriteArrayList<>();
        // a rescan interval far longer than the test: only db-1's expiry can empty its set
        try (SharedSource watches = new SharedSource(watched -> new LocalSharedWatch(catalog, Duration.ofMinutes(10), watched))) {
            watches.start(new Upstream("db", ""), recording(dbSets));
            watches.start(new Upstream("web", ""), counting(new AtomicInteger()));
            assertThat(dbSets.get(dbSets.size() - 1)).hasSize(1);

            // web heartbeats every 50 ms, so the watch never waits long without an event
            await("db-1's set once its 1 s TTL has passed without a heartbeat")
                    .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                        catalog.write(web);
                        return dbSets.get(dbSets.size() - 1).isEmpty();
                    });
        }
    }

    @Test
    void anExpiryReadsOnlyTheUpstreamWhoseInstanceExpired(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        catalog.write(new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(1), List.of(), "10.0.0.1"));
        catalog.write(new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(30), List.of(), "10.0.0.2"));
        List<List<Instance>> dbSets = new CopyOnWriteArrayList<>();
        AtomicInteger webReads = new AtomicInteger();
        // a rescan interval far longer than the test: only db-1's expiry can read anything again
        try (SharedSource watches = new SharedSource(watched -> new LocalSharedWatch(catalog, Duration.ofMinutes(10), watched))) {
            watches.start(new Upstream("web", ""), counting(webReads));
            // the watch thread now waits for events until web-1's expiry, 30 s away: db's join
            // must wake it for db-1's, 1 s away
            await("the watch thread waiting for events").until(LocalSharedWatchTest::watchThreadWaits);
            watches.start(new Upstream("db", ""), recording(dbSets));
            assertThat(dbSets.get(dbSets.size() - 1)).hasSize(1);
            assertThat(webReads).hasValue(1);

            await("db-1's set once its 1 s TTL has passed").atMost(Duration.ofSeconds(10))
                    .until(() -> dbSets.get(dbSets.size() - 1).isEmpty());

            assertThat(webReads).as("web-1 expires in 30 s; nothing in web's folder changed").hasValue(1);
        }
    }

    private static boolean watchThreadWaits() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals("pilot-local-watch") && thread.getState() == Thread.State.TIMED_WAITING);
    }

    @Test
    void aRescanReadsNoFolderThatDidNotChange(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        catalog.write(new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "10.0.0.1"));
        catalog.write(new ServiceDefinition("web-1", "web", 8080, Duration.ofSeconds(30), List.of(), "10.0.0.2"));
        AtomicInteger dbReads = new AtomicInteger();
        AtomicInteger webReads = new AtomicInteger();
        try (SharedSource watches = new SharedSource(watched -> new LocalSharedWatch(catalog, Duration.ofMillis(50), watched))) {
            watches.start(new Upstream("db", ""), counting(dbReads));
            watches.start(new Upstream("web", ""), counting(webReads));

            // ten rescan intervals without events: each used to read every set again
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> dbReads.get() == 1 && webReads.get() == 1);
        }
    }

    /** A sink that keeps the sets it gets. */
    private static UpstreamCache.Sink recording(List<List<Instance>> sets) {
        return new UpstreamCache.Sink() {
            @Override
            public void accept(List<Instance> healthy) {
                sets.add(healthy);
            }

            @Override
            public void failed(DiscoveryException cause) {}
        };
    }

    /** A sink that counts the sets it gets. */
    private static UpstreamCache.Sink counting(AtomicInteger reads) {
        return new UpstreamCache.Sink() {
            @Override
            public void accept(List<Instance> healthy) {
                reads.incrementAndGet();
            }

            @Override
            public void failed(DiscoveryException cause) {}
        };
    }
}
