package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.tck.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDirectoryTest {

    private static final ServiceDefinition DB = new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "10.0.0.1");
    private static final Upstream EVERY_DB = new Upstream("db", "");

    @Test
    void filesBreakingTheDocumentRulesAreSkippedWithAWarningNamingTheFileAndTheRule(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        catalog.write(DB);
        long later = System.currentTimeMillis() + 60_000;
        Files.writeString(root.resolve("db/web-1.json"),
                "{\"id\":\"web-1\",\"name\":\"web\",\"address\":\"10.0.0.2\",\"port\":80,\"expiresAt\":" + later + "}");
        Files.writeString(root.resolve("db/db-0.json"),
                "{\"id\":\"db-0\",\"name\":\"db\",\"address\":\"10.0.0.3\",\"port\":0,\"expiresAt\":" + later + "}");

        String log;
        try (CapturedLog captured = CapturedLog.start()) {
            assertThat(catalog.read(EVERY_DB).healthy()).containsExactly(DB.toInstance());
            catalog.read(EVERY_DB);
            log = captured.text();
        }

        assertThat(log.lines().filter(line -> line.contains("Skipping"))).hasSize(2);
        assertThat(log).contains("web-1.json: \"name\" is \"web\", not \"db\"", "db-0.json: \"port\": expected a whole number from 1 to 65535, got 0");
    }

    @Test
    void aHeartbeatMovesTheFilesTimeAndEveryReaderTakesItAsTheExpiry(@TempDir Path root) throws Exception {
        CatalogDirectory writer = new CatalogDirectory(root);
        writer.write(DB);
        Path file = root.resolve("db/db-1.json");
        Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        String document = Files.readString(file);
        long writtenExpiry = writer.read(EVERY_DB).nextExpiry();

        long writtenAt = System.currentTimeMillis();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(1))
                .until(() -> System.currentTimeMillis() > writtenAt); // the heartbeat's expiry is then a later millisecond
        writer.write(DB);

        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
        assertThat(Files.readString(file)).isEqualTo(document);
        long movedTo = Files.getLastModifiedTime(file).toMillis();
        assertThat(movedTo).isGreaterThan(writtenExpiry);
        CatalogDirectory reader = new CatalogDirectory(root); // another process: it wrote nothing
        assertThat(reader.read(EVERY_DB).nextExpiry()).isEqualTo(movedTo);
        assertThat(writer.read(EVERY_DB).nextExpiry()).isEqualTo(movedTo);
    }

    @Test
    void aFileAnotherWriterChangedIsReadAndTheNextHeartbeatWritesItsOwnDocumentBack(@TempDir Path root) throws Exception {
        CatalogDirectory catalog = new CatalogDirectory(root);
        catalog.write(DB);
        Path file = root.resolve("db/db-1.json");
        long later = System.currentTimeMillis() + 60_000;
        // in place, as an editor may: the same inode, and about the same size
        Files.writeString(file, "{\"id\":\"db-1\",\"name\":\"db\",\"address\":\"10.0.0.9\",\"port\":5433,\"expiresAt\":" + later + "}");

        assertThat(catalog.read(EVERY_DB).healthy()).extracting(instance -> instance.port()).containsExactly(5433);

        catalog.write(DB);
        assertThat(new CatalogDirectory(root).read(EVERY_DB).healthy()).containsExactly(DB.toInstance());
    }
}
