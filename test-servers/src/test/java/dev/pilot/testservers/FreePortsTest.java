package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreePortsTest {

    @Test
    void picksDistinctBindablePortsBelowTheEphemeralRange() throws IOException {
        Set<Integer> ports = new HashSet<>();
        IntStream.range(0, 50).forEach(i -> ports.add(FreePorts.pick()));

        assertThat(ports).hasSize(50).allSatisfy(port -> assertThat(port).isBetween(20_000, 32_767));
        int port = ports.iterator().next();
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortInUseIsNotFree() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.isFree(socket.getLocalPort())).isFalse();
        }
    }

    @Test
    void aPortThatAnotherJvmClaimedIsNotClaimedAgainUntilThatJvmExits(@TempDir Path work) throws Exception {
        // above the range pick() hands out, so no test of this JVM or of another holds its claim already
        int port = FreePorts.HIGHEST + 10_000 + (int) (ProcessHandle.current().pid() % 1000);
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "pilot-ports", Integer.toString(port));
        Files.createDirectories(file.getParent());
        Path holder = Files.writeString(work.resolve("Holder.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                class Holder {
                    public static void main(String[] args) throws Exception {
                        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        System.out.println(channel.tryLock() != null ? "locked" : "busy");
                        System.in.read();
                    }
                }
                """);
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                holder.toString(), file.toString()).redirectErrorStream(true).start();
        try {
            String said = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8)).readLine();
            assertThat(said).as("the other JVM's claim").isEqualTo("locked");

            assertThat(FreePorts.claim(port)).as("claimed while another JVM holds it").isFalse();
        } finally {
            other.destroyForcibly().waitFor();
        }
        assertThat(FreePorts.claim(port)).as("claimed once the other JVM exited").isTrue();
    }
}
