package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerProcessTest {

    @TempDir
    Path directory;

    @Test
    void serverThatExitsBeforeItIsReadyFailsWithTheEndOfItsLog() {
        ServerProcess process = ServerProcess.launch("fake", List.of("sh", "-c", "echo cannot bind; exit 3"), directory.resolve("log"));

        assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofSeconds(10)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fake exited with code 3")
                .hasMessageContaining("cannot bind");
    }

    @Test
    void serverThatIsNotReadyInTimeIsKilledAndReported() {
        ServerProcess process = ServerProcess.launch("slow", List.of("sleep", "30"), directory.resolve("log"));

        assertThatThrownBy(() -> process.awaitReady(() -> false, Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("slow was not ready within 300 ms");
        assertThat(process.isAlive()).isFalse();
    }

    @Test
    void readyServerPassesTheProbe() {
        ServerProcess process = ServerProcess.launch("ready", List.of("sleep", "30"), directory.resolve("log"));
        try {
            process.awaitReady(() -> true, Duration.ofSeconds(10));
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.kill();
        }
    }

    @Test
    void stopKillsAServerThatIgnoresSigterm() {
        // An ignored signal stays ignored across exec, so sleep itself ignores SIGTERM.
        ServerProcess process = ServerProcess.launch("stubborn", List.of("sh", "-c", "trap '' TERM; exec sleep 30"), directory.resolve("log"));
        process.awaitReady(() -> true, Duration.ofSeconds(10));

        long start = System.nanoTime();
        process.stop(Duration.ofMillis(300));

        assertThat(process.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void freezeStopsTheProcessAndThawLetsItRunAgain() {
        ServerProcess process = ServerProcess.launch("sleeper", List.of("sleep", "30"), directory.resolve("log"));
        try {
            process.freeze();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(process) == 'T');

            process.thaw();
            await().atMost(Duration.ofSeconds(10)).until(() -> state(process) != 'T');
            assertThat(process.isAlive()).isTrue();
        } finally {
            process.kill();
        }
    }

    /** The process state letter from {@code /proc/<pid>/stat}: {@code T} when stopped by a signal. */
    private static char state(ServerProcess process) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
        return stat.charAt(stat.lastIndexOf(')') + 2);
    }
}
