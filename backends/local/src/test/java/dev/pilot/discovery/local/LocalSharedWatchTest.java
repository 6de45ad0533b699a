package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.spi.SharedSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            watches.start(new Upstream("db", ""), healthy -> dbReads.incrementAndGet());
            watches.start(new Upstream("web", ""), healthy -> webReads.incrementAndGet());
            assertThat(dbReads).hasValue(1);
            assertThat(webReads).hasValue(1);

            for (int i = 0; i < 5; i++) {
                int reads = dbReads.get(); // before the write: its event may be read at once
                catalog.write(db);
                await().atMost(Duration.ofSeconds(5)).until(() -> dbReads.get() > reads);
            }

            assertThat(webReads).as("web's folder had no event").hasValue(1);
        }
    }
}
