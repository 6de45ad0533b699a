package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.Backends;
import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.ServiceBackend;
import org.junit.jupiter.api.Test;

class ConsulBackendProviderTest {

    @Test
    void theClassPathRegistryFindsTheConsulBackend() {
        Backends backends = Backends.fromClassPath();

        assertThat(backends.names()).contains("consul");
    }

    @Test
    void creatingABackendMakesNoRequest() {
        // nothing listens on port 1: a backend that connected eagerly would fail here
        try (ServiceBackend consul = Backends.fromClassPath().create("consul", "127.0.0.1:1")) {
            assertThat(consul.name()).isEqualTo("consul");
        }
    }

    @Test
    void aBadConfigurationIsAConfigException() {
        assertThatThrownBy(() -> Backends.fromClassPath().create("consul", "no-port"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("consul:");
    }

    @Test
    void aClosedBackendRefusesWork() {
        ServiceBackend consul = ConsulBackendProvider.connect(ConsulConfig.http("127.0.0.1", 1));
        consul.close();

        assertThatThrownBy(() -> consul.instances("web", "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aNameThatIsNotOnePathSegmentOfTheHttpApiIsAConfigurationError() {
        try (ServiceBackend consul = Backends.fromClassPath().create("consul", "127.0.0.1:1")) {
            for (String name : new String[] {"a/b", "a?b", "a#b", "a\nb", "a\u0000b", "", ".", ".."}) {
                assertThatThrownBy(() -> consul.checkName("backends[0].name", name)).as(name)
                        .isInstanceOf(ConfigException.class)
                        .hasMessageStartingWith("backends[0].name: expected a name usable as one path segment");
            }
            assertThatThrownBy(() -> consul.checkName("services[0].name", "a/b"))
                    .hasMessage("services[0].name: expected a name usable as one path segment (not empty, not '.' or '..', "
                            + "no '/', '?', '#' or control character), got \"a/b\"");
            for (String name : new String[] {"app", "app-host.example_1", "a b", "é"}) {
                consul.checkName("services[0].name", name);
            }
        }
    }
}
