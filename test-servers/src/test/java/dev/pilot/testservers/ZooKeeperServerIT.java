package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ZooKeeperServerIT {

    private static ZooKeeperServer zookeeper;

    @BeforeAll
    static void startZooKeeper() {
        zookeeper = ZooKeeperServer.launch();
    }

    @AfterAll
    static void stopZooKeeper() {
        if (zookeeper != null) {
            zookeeper.close();
        }
    }

    @Test
    void answersARealClient() throws Exception {
        ZooKeeperClients.put(zookeeper.address(), "/greeting", "hello");

        assertThat(ZooKeeperClients.get(zookeeper.address(), "/greeting")).contains("hello");
    }

    @Test
    void restartWithoutWipeKeepsTheData() throws Exception {
        ZooKeeperClients.put(zookeeper.address(), "/durable", "kept");

        zookeeper.restart(false);

        assertThat(ZooKeeperClients.get(zookeeper.address(), "/durable")).contains("kept");
    }

    @Test
    void restartWithWipeLosesTheData() throws Exception {
        ZooKeeperClients.put(zookeeper.address(), "/doomed", "gone");

        zookeeper.restart(true);

        assertThat(ZooKeeperClients.get(zookeeper.address(), "/doomed")).isEmpty();
    }

    @Test
    void stoppedServerRefusesConnectionsAndStartsAgainOnTheSameAddress() throws Exception {
        String address = zookeeper.address();

        zookeeper.stop();
        Connections.assertRefused(address);

        zookeeper.start();
        assertThat(zookeeper.address()).isEqualTo(address);
        ZooKeeperClients.put(address, "/back", "again");
    }

    @Test
    void closeStopsTheServerAndDeletesItsData() {
        ZooKeeperServer other = ZooKeeperServer.launch();

        other.close();

        Connections.assertRefused(other.address());
        assertThat(other.directory()).doesNotExist();
    }

    @Test
    void killedServerRefusesConnectionsAndKeepsItsDataForTheNextStart() throws Exception {
        ZooKeeperClients.put(zookeeper.address(), "/crash", "survived");

        zookeeper.kill();
        Connections.assertRefused(zookeeper.address());

        zookeeper.start();
        assertThat(ZooKeeperClients.get(zookeeper.address(), "/crash")).contains("survived");
    }

    @Test
    void frozenServerAcceptsConnectionsButAnswersNothingUntilThawed() throws Exception {
        zookeeper.freeze();
        try {
            assertThatThrownBy(() -> fourLetterWord(zookeeper.address(), "ruok")).isInstanceOf(SocketTimeoutException.class);
        } finally {
            zookeeper.thaw();
        }
        assertThat(fourLetterWord(zookeeper.address(), "ruok")).isEqualTo("imok");
    }

    /** Sends a four-letter word and reads the whole answer, waiting at most 1 s for it. */
    private static String fourLetterWord(String address, String word) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))) {
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
