package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SilentServerTest {

    @Test
    void acceptsAndNeverAnswersUntilStoppedThenRefusesUntilStartedAgain() throws IOException {
        try (SilentServer silent = SilentServer.launch()) {
            try (Socket client = connect(silent)) {
                client.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                client.setSoTimeout(300);
                InputStream in = client.getInputStream();

                assertThatThrownBy(in::read).as("an answer from a silent server").isInstanceOf(SocketTimeoutException.class);
                await().atMost(Duration.ofSeconds(2)).until(() -> silent.acceptedConnections() == 1);

                silent.stop();
                client.setSoTimeout(2_000);
                assertThat(readOrReset(in)).as("what the held connection sees once the server stops").isEqualTo(-1);
            }
            Connections.assertRefused(silent.address());

            silent.start();
            try (Socket again = connect(silent)) {
                assertThat(again.isConnected()).isTrue();
            }
        }
    }

    /**
     * stop() returns once the port refuses, every time: closing a listener that a virtual thread is
     * blocked accepting on only wakes that thread, and until it has run the port still takes
     * connections (most of the time on an idle machine), so stop() waits for it. The port stays this
     * JVM's own (FreePorts hands it out once, below the kernel's ephemeral range), so a connection
     * taken here is the silent server's.
     */
    @Test
    void everyStopRefusesAtOnce() throws IOException {
        try (SilentServer silent = SilentServer.launch()) {
            for (int i = 0; i < 100; i++) {
                try (Socket client = connect(silent)) {
                    await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(2))
                            .until(() -> silent.acceptedConnections() == 1);
                    silent.stop();
                    Connections.assertRefused(silent.address());
                }
                silent.start();
            }
        }
    }

    private static Socket connect(SilentServer silent) throws IOException {
        String[] hostPort = silent.address().split(":");
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), 1_000);
        return socket;
    }

    /** -1 for end of stream or a reset: either way the server is gone. */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
