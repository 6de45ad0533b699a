package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.spi.Threads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

    @Test
    void forwardsBothWaysAndCountsConnectionsAcceptedOpenAndMostOpen() throws IOException {
        try (EchoServer echo = new EchoServer(); TcpProxy proxy = new TcpProxy(echo.address())) {
            try (Socket first = connect(proxy); Socket second = connect(proxy)) {
                assertThat(roundTrip(first, "one")).isEqualTo("one");
                assertThat(roundTrip(second, "two")).isEqualTo("two");
                assertThat(proxy.acceptedConnections()).isEqualTo(2);
                assertThat(proxy.openConnections()).isEqualTo(2);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 0);

            try (Socket third = connect(proxy)) {
                assertThat(roundTrip(third, "three")).isEqualTo("three");
            }
            assertThat(proxy.acceptedConnections()).isEqualTo(3);
            assertThat(proxy.mostOpenConnections()).isEqualTo(2);
        }
    }

    @Test
    void aCutDropsWhatEitherSideSendsAndHealingBreaksTheConnectionsThatLostBytes() throws IOException {
        try (EchoServer echo = new EchoServer(); TcpProxy proxy = new TcpProxy(echo.address());
                Socket before = connect(proxy)) {
            assertThat(roundTrip(before, "whole")).isEqualTo("whole");

            proxy.cut();
            try (Socket during = connect(proxy)) {
                before.getOutputStream().write("lost".getBytes(StandardCharsets.US_ASCII));
                during.getOutputStream().write("lost too".getBytes(StandardCharsets.US_ASCII));
                await().atMost(Duration.ofSeconds(5)).until(() -> proxy.writesWhileCut() >= 2);
                assertThat(proxy.connectionsWhileCut()).isEqualTo(1);

                proxy.heal();
                assertThat(readOrReset(before.getInputStream())).as("the connection that lost bytes is closed").isEqualTo(-1);
                assertThat(readOrReset(during.getInputStream())).as("the connection made while cut is closed").isEqualTo(-1);
            }
            try (Socket after = connect(proxy)) {
                assertThat(roundTrip(after, "again")).isEqualTo("again");
            }
        }
    }

    @Test
    void cuttingTheAnswersLetsRequestsReachTheServerAndDropsWhatItSendsBack() throws IOException {
        try (EchoServer echo = new EchoServer(); TcpProxy proxy = new TcpProxy(echo.address());
                Socket client = connect(proxy)) {
            assertThat(roundTrip(client, "whole")).isEqualTo("whole");

            proxy.cutAnswers();
            client.getOutputStream().write("acted on".getBytes(StandardCharsets.US_ASCII));
            await().atMost(Duration.ofSeconds(5)).until(() -> echo.received() == "whole".length() + "acted on".length());
            client.setSoTimeout(500);
            assertThatThrownBy(() -> client.getInputStream().read()).as("the echo of what the server got")
                    .isInstanceOf(SocketTimeoutException.class);

            proxy.heal();
            client.setSoTimeout(5_000);
            assertThat(readOrReset(client.getInputStream())).as("the connection that lost the answer is closed").isEqualTo(-1);
            try (Socket after = connect(proxy)) {
                assertThat(roundTrip(after, "again")).isEqualTo("again");
            }
        }
    }

    @Test
    void aClientOfAServerThatIsDownIsClosedAndTheProxyKeepsAccepting() throws IOException {
        int nobody = FreePorts.pick();
        try (TcpProxy proxy = new TcpProxy("127.0.0.1:" + nobody); Socket first = connect(proxy)) {
            assertThat(readOrReset(first.getInputStream())).isEqualTo(-1);
            try (Socket second = connect(proxy)) {
                assertThat(readOrReset(second.getInputStream())).isEqualTo(-1);
            }
            assertThat(proxy.acceptedConnections()).isEqualTo(2);
        }
    }

    @Test
    void copiesClientToServerTrafficThroughTheGivenUpstream() throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        TcpProxy.Upstream recording = (in, out) -> {
            int b;
            while ((b = in.read()) != -1) {
                synchronized (seen) {
                    seen.write(b);
                }
                out.write(Character.toUpperCase(b));
                out.flush();
            }
        };
        try (EchoServer echo = new EchoServer(); TcpProxy proxy = new TcpProxy(echo.address(), recording);
                Socket client = connect(proxy)) {
            assertThat(roundTrip(client, "hello")).isEqualTo("HELLO");
            synchronized (seen) {
                assertThat(seen.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
            }
        }
    }

    @Test
    void closingTheProxyEndsItsConnectionsAndRefusesNewOnes() throws IOException {
        try (EchoServer echo = new EchoServer()) {
            TcpProxy proxy = new TcpProxy(echo.address());
            try (Socket client = connect(proxy)) {
                assertThat(roundTrip(client, "x")).isEqualTo("x");
                proxy.close();
                client.setSoTimeout(2_000);
                assertThat(readOrReset(client.getInputStream())).isEqualTo(-1);
            }
            Connections.assertRefused(proxy.address());
        }
    }

    @Test
    void rejectsATargetWithoutAPort() {
        assertThatThrownBy(() -> new TcpProxy("127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host:port");
    }

    private static Socket connect(TcpProxy proxy) throws IOException {
        String[] hostPort = proxy.address().split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(5_000);
        return socket;
    }

    private static String roundTrip(Socket socket, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
    }

    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    /** Sends back every byte it reads, one virtual thread per connection. */
    private static final class EchoServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final AtomicLong received = new AtomicLong();

        EchoServer() throws IOException {
            Threads.start("tcp-proxy-test-echo", () -> {
                while (!listener.isClosed()) {
                    try {
                        Socket connection = listener.accept();
                        Threads.start("tcp-proxy-test-echo-conn", () -> echo(connection));
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            });
        }

        String address() {
            return "127.0.0.1:" + listener.getLocalPort();
        }

        /** Bytes read from every connection so far. */
        long received() {
            return received.get();
        }

        private void echo(Socket connection) {
            try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
                byte[] buffer = new byte[1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.addAndGet(n);
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
