package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.tck.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDirectoryTest {

    /**
     * A watcher of the service's folder sees one event per heartbeat, the rename that brings the
     * new document in; the temporary file is made and written elsewhere (with it in the folder,
     * there were four: made, written, moved out, moved in).
     */
    @Test
    void aWriteIsOneEventInTheServicesFolder(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        ServiceDefinition db = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "10.0.0.1");
        catalog.write(db);
        Path folder = catalog.serviceDirectory("db");
        try (WatchService events = root.getFileSystem().newWatchService()) {
            folder.register(events, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);

            catalog.write(db);
            Files.createFile(folder.resolve("marker")); // events come in order: it is the last

            List<String> seen = new ArrayList<>();
            while (!seen.contains("ENTRY_CREATE marker")) {
                WatchKey key = events.poll(5, TimeUnit.SECONDS);
                assertThat(key).as("the events so far: %s", seen).isNotNull();
                key.pollEvents().forEach(event -> seen.add(event.kind().name() + " " + event.context()));
                key.reset();
            }
            assertThat(seen).containsExactly("ENTRY_CREATE db-1.json", "ENTRY_CREATE marker");
        }
        try (Stream<Path> left = Files.list(root.resolve(CatalogDirectory.WRITING))) {
            assertThat(left).as("temporary files left behind").isEmpty();
        }
    }

    @Test
    void filesBreakingTheDocumentRulesAreSkippedWithAWarningNamingTheFileAndTheRule(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        ServiceDefinition db = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "10.0.0.1");
        catalog.write(db);
        long later = System.currentTimeMillis() + 60_000;
        Files.writeString(root.resolve("db/web-1.json"),
                "{\"id\":\"web-1\",\"name\":\"web\",\"address\":\"10.0.0.2\",\"port\":80,\"expiresAt\":" + later + "}");
        Files.writeString(root.resolve("db/db-0.json"),
                "{\"id\":\"db-0\",\"name\":\"db\",\"address\":\"10.0.0.3\",\"port\":0,\"expiresAt\":" + later + "}");

        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            assertThat(catalog.read(new Upstream("db", "")).healthy()).containsExactly(db.toInstance());
            catalog.read(new Upstream("db", ""));
            log = captured.text();
        }

        assertThat(log.lines().filter(line -> line.contains("Skipping"))).hasSize(2);
        assertThat(log).contains("web-1.json: \"name\" is \"web\", not \"db\"", "db-0.json: \"port\": expected a whole number from 1 to 65535, got 0");
    }
}
