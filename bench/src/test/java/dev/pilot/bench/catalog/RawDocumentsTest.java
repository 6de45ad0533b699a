package dev.pilot.bench.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local catalog's raw client reads what Pilot stored, writes where Pilot reads, and clears a service. */
class RawDocumentsTest {

    @Test
    void theRawClientSharesPilotsLayout(@TempDir Path catalog) {
        ServiceDefinition own = new ServiceDefinition("raw-1", "raw", 8080, Duration.ofMinutes(10), List.of(), "127.0.0.1");
        try (ServiceBackend pilot = Backends.fromClassPath().create("local", catalog.toString());
             RawDocuments raw = RawDocuments.open("local", catalog.toString())) {
            pilot.sendHeartbeat(own);
            assertThat(new String(raw.read("raw", "raw-1"), StandardCharsets.UTF_8)).contains("\"raw-1\"");

            raw.write("raw", "raw-2", new String(raw.read("raw", "raw-1"), StandardCharsets.UTF_8)
                    .replace("raw-1", "raw-2").getBytes(StandardCharsets.UTF_8));
            assertThat(pilot.instances("raw", "")).extracting(i -> i.id()).containsExactly("raw-1", "raw-2");

            raw.clear("raw");
            assertThat(pilot.instances("raw", "")).isEmpty();
        }
    }

    @Test
    void anUnknownBackendIsNamed() {
        assertThatThrownBy(() -> RawDocuments.open("nope", null)).hasMessageContaining("got nope");
    }
}
