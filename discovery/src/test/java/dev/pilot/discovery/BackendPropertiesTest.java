package dev.pilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.spi.BackendProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class BackendPropertiesTest {

    /** A provider that is only a name. */
    private record Named(String name) implements BackendProvider {
        @Override
        public ServiceBackend create(Object raw) {
            throw new UnsupportedOperationException();
        }
    }

    private static final Backends ALL = new Backends();

    static {
        for (String name : List.of("consul", "etcd", "zookeeper", "local")) {
            ALL.register(new Named(name));
        }
    }

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
        assertThatThrownBy(() -> BackendProperties.from(properties("pilot.discovery.consul.tls..ca-file", "x"), ALL))
                .hasMessage("pilot.discovery.consul.tls..ca-file: expected keys separated by single dots, got an empty segment");
    }

    @Test
    void aBackendOnTheClassPathButNotShippedIsACandidate() {
        Backends withOwn = new Backends();
        withOwn.register(new Named("eureka"));

        assertThat(BackendProperties.candidates(withOwn)).containsExactly("consul", "etcd", "eureka", "local", "zookeeper");
        assertThat(BackendProperties.choose(withOwn, name -> name.equals("eureka") ? Optional.of("x") : Optional.empty()))
                .isEqualTo(new BackendProperties("eureka", "x"));
    }

    @Test
    void aBoundBlockGetsCamelCaseKeysAndListsAtEveryDepth() {
        assertThat(BackendProperties.block(Map.of("watch-wait", "7s", "tls", Map.of("ca-file", "x"),
                "endpoints", Map.of("0", "a", "1", "b"), "hosts", List.of(Map.of("data-dir", "d")))))
                .isEqualTo(Map.of("watchWait", "7s", "tls", Map.of("caFile", "x"),
                        "endpoints", List.of("a", "b"), "hosts", List.of(Map.of("dataDir", "d"))));
        assertThat(BackendProperties.block(Map.of("0", "a", "2", "c"))).isEqualTo(Map.of("0", "a", "2", "c"));
    }
}
