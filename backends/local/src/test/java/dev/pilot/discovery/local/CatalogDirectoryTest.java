package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Upstream;
import dev.pilot.discovery.tck.CapturedLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogDirectoryTest {

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
