package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.Capability;
import dev.pilot.discovery.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZooKeeperBackendProviderTest {

    @Test
    void theClassPathRegistersTheBackendAsZookeeper() {
        Backends backends = Backends.fromClassPath();

        assertThat(backends.names()).contains("zookeeper");
        assertThat(backends.capabilities("zookeeper")).containsExactlyInAnyOrder(Capability.PUSH_WATCH, Capability.METADATA);
    }

    @Test
    void aBadConfigurationFailsBeforeAnyConnection() {
        assertThatThrownBy(() -> Backends.fromClassPath().create("zookeeper", Map.of("address", "zk")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("zookeeper.address:");
    }
}
