package dev.pilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.spi.BackendProvider;

import org.junit.jupiter.api.Test;

class BackendsTest {

    /** A provider that is only a name. */
    private record Named(String name) implements BackendProvider {
        @Override
        public ServiceBackend create(Object raw) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void registeredNamesAreListedSorted() {
        Backends backends = new Backends();
        backends.register(new Named("zookeeper"));
        backends.register(new Named("consul"));

        assertThat(backends.names()).containsExactly("consul", "zookeeper");
                assertThat(backends.contains("etcd")).isFalse();
    }

    @Test
    void registeringANameTwiceIsAnError() {
        Backends backends = new Backends();
        backends.register(new Named("consul"));

        assertThatThrownBy(() -> backends.register(new Named("consul")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("backend 'consul' is already registered; registered backends: [consul]");
    }

    @Test
    void anUnknownNameIsAnErrorListingTheKnownOnes() {
        Backends backends = new Backends();
        backends.register(new Named("consul"));
        backends.register(new Named("etcd"));

        assertThatThrownBy(() -> backends.create("zk", null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zk: unknown backend; expected one of [consul, etcd]");
    }

    @Test
    void providersOnTheClassPathRegisterThemselves() {
        Backends backends = Backends.fromClassPath();

        assertThat(backends.names()).contains("test-memory");
        assertThat(backends.create("test-memory", "hello").name()).isEqualTo("test-memory:hello");
    }
}
