package dev.pilot.discovery.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.tck.RecordingListener;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two backend objects in two JVMs share one catalog directory. */
class LocalSharedDirectoryIT {

    @TempDir
    Path catalog;

    @Test
    void twoProcessesOnOneDirectorySeeEachOtherAndADeadPeerExpires() throws Exception {
        List<String> peerSaw = new CopyOnWriteArrayList<>();
        Process peer = startPeer(catalog, "shared", "shared-peer", 9001, peerSaw);
        try (ServiceBackend backend = LocalBackendProvider.connect(new LocalConfig(catalog))) {
            RecordingListener listener = new RecordingListener();
            ServiceDefinition self = new ServiceDefinition("shared-self", "shared", 9000, Duration.ofSeconds(30), List.of(), "127.0.0.1");
            try (Watch ignored = backend.watch("shared", "", listener)) {
                backend.sendHeartbeat(self);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> { // a peer JVM starting on a busy machine
                    assertThat(listener.lastIds()).containsExactly("shared-peer", "shared-self");
                    assertThat(peerSaw).contains("saw shared-peer,shared-self");
                });

                peer.destroyForcibly().waitFor();

                await().atMost(Duration.ofSeconds(6)).until(() -> listener.lastIds().equals(List.of("shared-self")));
                assertThat(Files.exists(catalog.resolve("shared").resolve("shared-peer.json")))
                        .as("an expired file stays until deregistered; readers ignore it").isTrue();
            }
        } finally {
            peer.destroyForcibly();
        }
    }

    private static Process startPeer(Path catalog, String name, String id, int port, List<String> saw) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LocalPeerProcess.class.getName(), catalog.toString(), name, id, String.valueOf(port))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        Threads.start("peer-output", () -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                lines.lines().forEach(saw::add);
            } catch (java.io.IOException ignored) {
                // the peer was killed
            }
        });
        return process;
    }
}
