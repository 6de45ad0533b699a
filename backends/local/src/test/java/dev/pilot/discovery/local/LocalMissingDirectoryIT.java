package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A catalog directory that does not exist yet is an empty catalog, watched like any other. */
class LocalMissingDirectoryIT {

    @TempDir
    Path base;

    @Test
    void aWatchOnAMissingDirectorySeesTheFirstInstanceWithoutWaitingForARescan() {
        Path catalog = base.resolve("not-yet");
        // A rescan interval far beyond the wait below: only a file event can deliver in time.
        LocalConfig config = new LocalConfig(catalog, Duration.ofMinutes(5));
        try (ServiceBackend watcher = LocalBackendProvider.connect(config);
             ServiceBackend writer = LocalBackendProvider.connect(config)) {
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = watcher.watch("db", "", listener)) {
                assertThat(Files.isDirectory(catalog)).isTrue();

                writer.sendHeartbeat(new ServiceDefinition("db-1", "db", 5432, Duration.ofSeconds(30), List.of(), "127.0.0.1"));

                await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastIds().equals(List.of("db-1")));
            }
        }
    }
}
