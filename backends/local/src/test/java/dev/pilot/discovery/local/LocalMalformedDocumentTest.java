package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pilot.discovery.ServiceBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents the fuzzing of the catalog found crashing a read: a null tag or meta value is skipped, never thrown. */
class LocalMalformedDocumentTest {

    @TempDir
    Path catalog;

    @Test
    void aDocumentWithANullTagOrMetaValueIsSkipped() throws Exception {
        Files.createDirectories(catalog.resolve("db"));
        long later = System.currentTimeMillis() + 60_000;
        Files.writeString(catalog.resolve("db/a.json"), "{\"id\": \"a\", \"name\": \"db\", \"port\": 1, \"tags\": [\"x\", null], "
                + "\"expiresAt\": " + later + "}");
        Files.writeString(catalog.resolve("db/b.json"), "{\"id\": \"b\", \"name\": \"db\", \"port\": 1, \"meta\": {\"k\": null}, "
                + "\"expiresAt\": " + later + "}");
        Files.writeString(catalog.resolve("db/c.json"), "{\"id\": \"c\", \"name\": \"db\", \"port\": 1, \"expiresAt\": " + later + "}");

        try (ServiceBackend backend = new LocalBackendProvider().create(catalog.toString())) {
            assertThat(backend.instances("db", "")).extracting(i -> i.id()).containsExactly("c");
            assertThat(backend.checkForUpstreamChanges("db", "")).isTrue();
        }
    }
}
