package dev.pilot.discovery.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdConfigTest {

    @Test
    void containerPilotsConfigurationReadsWithDefaultsForTheRest() {
        EtcdConfig config = EtcdConfig.from(Map.of("endpoints", "http://10.0.0.1:2379"));

        assertThat(config.endpoints()).containsExactly(URI.create("http://10.0.0.1:2379"));
        assertThat(config.prefix()).isEqualTo("/containerpilot");
        assertThat(config.hasCredentials()).isFalse();
        assertThat(config.tls()).isEmpty();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void everyEndpointOfAnArrayIsKeptInOrder() {
        EtcdConfig config = EtcdConfig.from(Map.of("endpoints", List.of("http://10.0.0.1:2379", "10.0.0.2:2379", "http://10.0.0.3:2379/")));

        assertThat(config.endpoints()).containsExactly(URI.create("http://10.0.0.1:2379"),
                URI.create("http://10.0.0.2:2379"), URI.create("http://10.0.0.3:2379"));
        assertThat(config.describeEndpoints()).isEqualTo("10.0.0.1:2379,10.0.0.2:2379,10.0.0.3:2379");
    }

    @Test
    void prefixUserPasswordAndTimeoutAreRead() {
        EtcdConfig config = EtcdConfig.from(Map.of("endpoints", "http://127.0.0.1:2379", "prefix", "/pilot/",
                "user", "pilot", "password", "s3cret", "timeout", "1500ms"));

        assertThat(config.prefix()).isEqualTo("/pilot");
        assertThat(config.user()).isEqualTo("pilot");
        assertThat(config.password()).isEqualTo("s3cret");
        assertThat(config.timeout()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void keysMatchCaseInsensitivelyAsInContainerPilot() {
        EtcdConfig config = EtcdConfig.from(Map.of("Endpoints", "http://127.0.0.1:2379", "PREFIX", "/x"));

        assertThat(config.prefix()).isEqualTo("/x");
    }

    @Test
    void missingEndpointsAreAnErrorNamingTheKey() {
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("prefix", "/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("etcd.endpoints: expected an endpoint");
        assertThatThrownBy(() -> EtcdConfig.from(null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("etcd: expected an object");
    }

    @Test
    void aBadEndpointNamesItsPositionAndValue() {
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", List.of("http://127.0.0.1:2379", "ftp://127.0.0.1:21"))))
                .isInstanceOf(ConfigException.class)
                .hasMessage("etcd.endpoints[1]: expected http://host:port or https://host:port, got \"ftp://127.0.0.1:21\"");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://127.0.0.1")))
                .hasMessage("etcd.endpoints: expected http://host:port or https://host:port, got \"http://127.0.0.1\"");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://127.0.0.1:2379/v2/keys")))
                .hasMessageStartingWith("etcd.endpoints: expected http://host:port");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", List.of("http://a:1", "a:1"))))
                .hasMessage("etcd.endpoints[1]: duplicate endpoint \"http://a:1\"");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", 2379)))
                .hasMessageStartingWith("etcd.endpoints: expected a string or an array of strings, got 2379");
    }

    @Test
    void unknownKeysAreErrors() {
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://127.0.0.1:2379", "endpoint", "x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("etcd.endpoint: unknown key");
    }

    @Test
    void badPrefixAndTimeoutNameTheirKeys() {
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://a:1", "prefix", "containerpilot")))
                .hasMessage("etcd.prefix: expected a key path such as \"/containerpilot\", got \"containerpilot\"");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://a:1", "timeout", "0s")))
                .hasMessageStartingWith("etcd.timeout: expected a positive duration");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://a:1", "timeout", "soon")))
                .hasMessageStartingWith("etcd.timeout: expected a duration");
    }

    @Test
    void userAndPasswordGoTogetherAndThePasswordIsNeverPrinted() {
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://a:1", "user", "pilot")))
                .hasMessage("etcd.password: expected a non-blank string, since user is set; got nothing");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://a:1", "password", "hunter2")))
                .hasMessage("etcd.user: expected a non-blank string, since password is set; got nothing")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://a:1", "user", "pilot", "password", List.of("hunter2"))))
                .message().doesNotContain("hunter2");

        EtcdConfig config = EtcdConfig.from(Map.of("endpoints", "http://a:1", "user", "pilot", "password", "hunter2"));
        assertThat(config.toString()).contains("pilot").doesNotContain("hunter2");
    }

    @Test
    void tlsMakesBareEndpointsHttpsAndRefusesPlainOnes(@TempDir Path dir) throws Exception {
        Path ca = Files.copy(Path.of(getClass().getResource("/placeholder-ca.pem").toURI()), dir.resolve("ca.pem"));
        Map<String, Object> tls = Map.of("caFile", ca.toString());

        EtcdConfig config = EtcdConfig.from(Map.of("endpoints", "127.0.0.1:2379", "tls", tls));
        assertThat(config.endpoints()).containsExactly(URI.create("https://127.0.0.1:2379"));
        assertThat(config.tls().orElseThrow().caFile()).isEqualTo(ca);

        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "http://127.0.0.1:2379", "tls", tls)))
                .hasMessage("etcd.endpoints: expected an https:// endpoint since tls is set, got \"http://127.0.0.1:2379\"");
        assertThatThrownBy(() -> EtcdConfig.from(Map.of("endpoints", "https://a:1", "tls", Map.of("caFile", dir.resolve("missing.pem").toString()))))
                .hasMessageStartingWith("etcd.tls.caFile: expected a readable PEM file");
    }
}
