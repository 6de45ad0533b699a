package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZooKeeperBackendProviderTest {

    @Test
    void theClassPathRegistersTheBackendAsZookeeper() {
        Backends backends = Backends.fromClassPath();

        assertThat(backends.names()).contains("zookeeper");
    }

    @Test
    void aBadConfigurationFailsBeforeAnyConnection() {
        assertThatThrownBy(() -> Backends.fromClassPath().create("zookeeper", Map.of("address", "zk")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("zookeeper.address:");
    }

    @Test
    void aNameThatIsNotOneNodeNameIsAConfigurationError() {
        // nothing listens on port 1: the client connects in the background, the check needs no server
        try (ServiceBackend zookeeper = Backends.fromClassPath().create("zookeeper", Map.of("address", "127.0.0.1:1"))) {
            for (String name : new String[] {"a/b", "a\u0000b", "a\u0001b", "", ".", ".."}) {
                assertThatThrownBy(() -> zookeeper.checkName("backends[0].name", name)).as(name)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("backends[0].name: expected a name usable as one path segment");
            }
            for (String name : new String[] {"a\u0085b", "a\ud800b", "a\ufff0b"}) {
                assertThatThrownBy(() -> zookeeper.checkName("backends[0].name", name)).as(name)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("backends[0].name: expected a name ZooKeeper accepts as a node name (");
            }
            for (String name : new String[] {"app", "app-host.example_1", "a?b", "é"}) {
                zookeeper.checkName("services[0].name", name);
            }
        }
    }
}
