package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;

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
}
