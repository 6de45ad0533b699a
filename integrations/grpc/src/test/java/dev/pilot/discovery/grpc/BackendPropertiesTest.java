package dev.pilot.discovery.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackendPropertiesTest {

    private static final Backends ALL = Backends.fromClassPath();

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void aValueIsTheBackendsWholeConfiguration() {
        assertThat(BackendProperties.from(properties("pilot.discovery.consul", " 127.0.0.1:8500 "), ALL))
                .isEqualTo(new BackendProperties("consul", "127.0.0.1:8500"));
    }

    @Test
    void keysUnderTheBackendAreABlockWithCamelCaseKeysAndIndexedLists() {
        BackendProperties selection = BackendProperties.from(properties(
                "pilot.discovery.etcd.endpoints[0]", "http://127.0.0.1:2379",
                "pilot.discovery.etcd.endpoints[1]", "http://127.0.0.1:2479",
                "pilot.discovery.etcd.tls.ca-file", "/etc/ca.pem",
                "other.key", "ignored"), ALL);

        assertThat(selection.name()).isEqualTo("etcd");
        assertThat(selection.raw()).isEqualTo(Map.of(
                "endpoints", List.of("http://127.0.0.1:2379", "http://127.0.0.1:2479"),
                "tls", Map.of("caFile", "/etc/ca.pem")));
    }

    @Test
    void noneTwoOrAMissingModuleIsOneLineNamingTheProperty() {
        assertThatThrownBy(() -> BackendProperties.from(properties(), ALL))
                .isInstanceOf(ConfigException.class)
                .hasMessage("pilot.discovery: expected exactly one backend among [pilot.discovery.consul, "
                        + "pilot.discovery.etcd, pilot.discovery.local, pilot.discovery.zookeeper], got none");
        assertThatThrownBy(() -> BackendProperties.from(properties("pilot.discovery.consul", "a:1", "pilot.discovery.local", "/x"), ALL))
                .hasMessageEndingWith("got [pilot.discovery.consul, pilot.discovery.local]");
        assertThatThrownBy(() -> BackendProperties.from(properties("pilot.discovery.consul", "a:1"), new Backends()))
                .hasMessage("pilot.discovery.consul: no 'consul' backend on the class path (add pilot-backend-consul); backends found: []");
        assertThatThrownBy(() -> BackendProperties.from(properties("pilot.discovery.consul", "a:1", "pilot.discovery.consul.token", "t"), ALL))
                .hasMessage("pilot.discovery.consul: expected a value or keys under it, got both");
    }
}
