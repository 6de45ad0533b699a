package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcdBackendProviderTest {

    @Test
    void theClassPathRegistersTheBackendAsEtcd() {
        Backends backends = Backends.fromClassPath();

        assertThat(backends.names()).contains("etcd");
    }

    @Test
    void creatingABackendConnectsLazilyAndABadConfigIsAConfigException() {
        try (ServiceBackend backend = Backends.fromClassPath().create("etcd", Map.of("endpoints", "http://127.0.0.1:1"))) {
            assertThat(backend.name()).isEqualTo("etcd");
        }
        assertThatThrownBy(() -> Backends.fromClassPath().create("etcd", "http://127.0.0.1:2379"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("etcd: expected an object");
    }

    @Test
    void aPrefixRangeEndsAtThePrefixPlusOne() {
        assertThat(new String(EtcdApi.rangeEnd("/containerpilot/web/"), StandardCharsets.UTF_8)).isEqualTo("/containerpilot/web0");
        assertThat(EtcdApi.rangeEnd("a\u00ff")).containsExactly('a', (byte) 0xc3, (byte) 0xc0);
    }

    @Test
    void aNameThatIsNotOneKeySegmentUnderThePrefixIsAConfigurationError() {
        try (ServiceBackend etcd = Backends.fromClassPath().create("etcd", Map.of("endpoints", "http://127.0.0.1:1"))) {
            for (String name : new String[] {"a/b", "/", "a\u0000b", "a\u0001b", "", ".", ".."}) {
                assertThatThrownBy(() -> etcd.checkName("backends[0].name", name)).as(name)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("backends[0].name: expected a name usable as one path segment");
            }
            for (String name : new String[] {"app", "app-host.example_1", "a?b", "a#b", "..."}) {
                etcd.checkName("services[0].name", name);
            }
        }
    }
}
