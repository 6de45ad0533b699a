package dev.pilot.discovery.spi;

import dev.pilot.discovery.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapTest {

    @Test
    void aBlockMustBeAnObject() {
        assertThatThrownBy(() -> ConfigMap.of("etcd", "http://127.0.0.1:2379"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("etcd: expected an object, got \"http://127.0.0.1:2379\"");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingItsPath() {
        ConfigMap etcd = ConfigMap.of("etcd", Map.of("endpoints", "x", "prefx", "/cp"));

        assertThatThrownBy(() -> etcd.allowOnly("endpoints", "prefix"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("etcd.prefx: unknown key; expected one of [endpoints, prefix]")
                .extracting(e -> ((ConfigException) e).key()).isEqualTo("etcd.prefx");
    }

    @Test
    void keysMatchCaseInsensitively() {
        ConfigMap consul = ConfigMap.of("consul", Map.of("Address", "127.0.0.1:8500")).allowOnly("address");

        assertThat(consul.string("address")).contains("127.0.0.1:8500");
    }

    @Test
    void twoKeysThatDifferOnlyInCaseAreAnError() {
        assertThatThrownBy(() -> ConfigMap.of("consul", Map.of("token", "a", "Token", "b")))
                .hasMessageContaining("duplicate key");
    }

    @Test
    void wrongTypesNameTheKeyTheValueAndTheExpectation() {
        ConfigMap service = ConfigMap.of("services[0]", Map.of("ttl", "ten", "name", 7, "tags", List.of("a", 1), "check", "maybe"));

        assertThatThrownBy(() -> service.integer("ttl"))
                .hasMessage("services[0].ttl: expected a whole number, got \"ten\"");
        assertThatThrownBy(() -> service.string("name"))
                .hasMessage("services[0].name: expected a string, got 7");
        assertThatThrownBy(() -> service.stringList("tags"))
                .hasMessage("services[0].tags[1]: expected a string, got 1");
        assertThatThrownBy(() -> service.bool("check", false))
                .hasMessage("services[0].check: expected true or false, got \"maybe\"");
        assertThatThrownBy(() -> service.requireString("missing"))
                .hasMessage("services[0].missing: expected a non-blank string, got nothing");
    }

    @Test
    void numbersMayBeWrittenAsStringsOfDigits() {
        ConfigMap service = ConfigMap.of("services[0]", Map.of("ttl", "10", "poll", 5));

        assertThat(service.integer("ttl")).contains(10L);
        assertThat(service.integer("poll", 1, 1, 60)).isEqualTo(5);
        assertThatThrownBy(() -> service.integer("poll", 1, 10, 60))
                .hasMessage("services[0].poll: expected a whole number from 10 to 60, got 5");
    }

    @Test
    void aSecretNeverAppearsInAMessage() {
        ConfigMap consul = ConfigMap.of("consul", Map.of("token", List.of("s3cr3t")));

        assertThatThrownBy(() -> consul.secret("token"))
                .hasMessage("consul.token: expected a string, got an array (value hidden)")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void aStringCountsAsAListOfOne() {
        ConfigMap etcd = ConfigMap.of("etcd", Map.of("endpoints", "http://a:2379"));

        assertThat(etcd.stringList("endpoints")).containsExactly("http://a:2379");
        assertThat(etcd.stringList("absent")).isEmpty();
    }

    @Test
    void nestedBlocksCarryTheirPath() {
        ConfigMap consul = ConfigMap.of("consul", Map.of("tls", Map.of("caFile", 3)));

        assertThatThrownBy(() -> consul.map("tls").orElseThrow().string("caFile"))
                .hasMessage("consul.tls.caFile: expected a string, got 3");
    }

    @Test
    void durationsAcceptGoSyntaxAndWholeSeconds() {
        ConfigMap block = ConfigMap.of("x", Map.of("a", "1500ms", "b", 10, "c", "0", "d", "-1s"));

        assertThat(block.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(1500));
        assertThat(block.duration("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(10));
        assertThat(block.duration("absent", Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> block.positiveDuration("c", Duration.ZERO))
                .hasMessage("x.c: expected a positive duration, got \"0\"");
        assertThatThrownBy(() -> block.positiveDuration("d", Duration.ZERO))
                .hasMessage("x.d: expected a positive duration, got \"-1s\"");
    }

    @Test
    void aWholeNumberBeyondALongIsAnErrorNeverWrapped() {
        ConfigMap block = ConfigMap.of("b", Map.of("big", new java.math.BigInteger("18446744073709559696"), "huge", 1e30,
                "max", Long.MAX_VALUE, "whole", 10.0, "half", 2.5));

        assertThatThrownBy(() -> block.integer("big")).hasMessage("b.big: expected a whole number from "
                + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ", got 18446744073709559696");
        assertThatThrownBy(() -> block.integer("huge")).hasMessageStartingWith("b.huge: expected a whole number from ");
        assertThatThrownBy(() -> block.integer("half")).hasMessageStartingWith("b.half: expected a whole number from ");
        assertThat(block.integer("max")).contains(Long.MAX_VALUE);
        assertThat(block.integer("whole")).contains(10L);
    }

    @Test
    void longValuesAreAbbreviatedAndControlCharactersShown() {
        assertThat(ConfigMap.abbreviate("short")).isEqualTo("short");
        assertThat(ConfigMap.abbreviate("a\0b\n")).isEqualTo("a\\u0000b\\u000a");
        assertThat(ConfigMap.describe("y".repeat(100))).isEqualTo("\"" + "y".repeat(64) + "…(100 chars)\"");
    }

    @Test
    void credentialsInAnAddressNeverReachAMessage() {
        assertThat(new ConfigException("consul", "expected host:port, got \"http://ops:Sekr1t@:8500\"").getMessage())
                .isEqualTo("consul: expected host:port, got \"http://***@:8500\"");
    }
}
