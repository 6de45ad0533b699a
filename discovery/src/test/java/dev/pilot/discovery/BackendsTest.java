package dev.pilot.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackendsTest {

    private static final ConfigHook NOTHING = raw -> {
        throw new UnsupportedOperationException();
    };

    @Test
    void registeredNamesAreListedSorted() {
        Backends backends = new Backends();
        backends.register("zookeeper", NOTHING);
        backends.register("consul", NOTHING);

        assertThat(backends.names()).containsExactly("consul", "zookeeper");
        assertThat(backends.hook("consul")).isSameAs(NOTHING);
        assertThat(backends.contains("etcd")).isFalse();
    }

    @Test
    void registeringANameTwiceIsAnError() {
        Backends backends = new Backends();
        backends.register("consul", NOTHING);

        assertThatThrownBy(() -> backends.register("consul", NOTHING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("backend 'consul' is already registered; registered backends: [consul]");
    }

    @Test
    void anUnknownNameIsAnErrorListingTheKnownOnes() {
        Backends backends = new Backends();
        backends.register("consul", NOTHING);
        backends.register("etcd", NOTHING);

        assertThatThrownBy(() -> backends.hook("zk"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zk: unknown backend; expected one of [consul, etcd]");
    }

    @Test
    void providersOnTheClassPathRegisterThemselves() {
        Backends backends = Backends.fromClassPath();

        assertThat(backends.names()).contains("test-memory");
        assertThat(backends.capabilities("test-memory")).containsExactly(Capability.METADATA);
        assertThat(backends.create("test-memory", "hello").name()).isEqualTo("test-memory:hello");
    }
}
