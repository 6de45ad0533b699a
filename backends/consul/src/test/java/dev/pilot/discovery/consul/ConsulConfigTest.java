package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsulConfigTest {

    private static final Map<String, String> NO_ENV = Map.of();
    private static final String SECRET = "3f1b6c2e-6d4a-4c55-9a59-7d2f0c1e9b11";

    private static ConsulConfig read(Object raw) {
        return ConsulConfig.from(raw, NO_ENV);
    }

    @Test
    void hostAndPortMeansPlainHttp() {
        ConsulConfig config = read("consul.internal:8500");

        assertThat(config.scheme()).isEqualTo("http");
        assertThat(config.host()).isEqualTo("consul.internal");
        assertThat(config.port()).isEqualTo(8500);
        assertThat(config.token()).isNull();
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.watchWait()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aSchemePrefixChoosesHttpOrHttps() {
        assertThat(read("http://127.0.0.1:8500").https()).isFalse();
        assertThat(read("https://127.0.0.1:8501/").https()).isTrue();
        assertThat(read("https://[::1]:8501").address()).isEqualTo("[::1]:8501");
    }

    @Test
    void anAddressWithoutAPortIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> read("localhost"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("consul: expected host:port or http(s)://host:port, got \"localhost\"");
        assertThatThrownBy(() -> read(Map.of("address", "localhost:99999")))
                .hasMessage("consul.address: expected a port from 1 to 65535, got \"localhost:99999\"");
        assertThatThrownBy(() -> read("ftp://localhost:21"))
                .hasMessage("consul: expected the scheme http or https, got \"ftp://localhost:21\"");
    }

    @Test
    void anObjectCarriesEveryOption() {
        ConsulConfig config = read(Map.of(
                "address", "10.0.0.2:8500", "scheme", "http", "token", SECRET, "datacenter", "dc2",
                "deregisterCriticalServiceAfter", "10m", "enableTagOverride", true, "timeout", "2s",
                "watchWait", "30s"));

        assertThat(config).isEqualTo(new ConsulConfig("http", "10.0.0.2", 8500, SECRET, "dc2", null,
                Duration.ofMinutes(10), true, Duration.ofSeconds(2), Duration.ofSeconds(30)));
    }

    @Test
    void keysMatchCaseInsensitivelyAsInContainerPilot() {
        assertThat(read(Map.of("Address", "127.0.0.1:8500", "Scheme", "HTTPS")).https()).isTrue();
    }

    @Test
    void anUnknownKeyIsAnError() {
        assertThatThrownBy(() -> read(Map.of("address", "127.0.0.1:8500", "tokn", SECRET)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("consul.tokn: unknown key; expected one of [address, scheme, token,")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void withoutAnAddressTheEnvironmentOrConsulsDefaultIsUsed() {
        assertThat(read(null).address()).isEqualTo("127.0.0.1:8500");
        assertThat(read(Map.of("token", SECRET)).address()).isEqualTo("127.0.0.1:8500");

        ConsulConfig fromEnv = ConsulConfig.from(Map.of(), Map.of("CONSUL_HTTP_ADDR", "https://10.1.1.1:8501"));
        assertThat(fromEnv.address()).isEqualTo("10.1.1.1:8501");
        assertThat(fromEnv.https()).isTrue();

        assertThat(ConsulConfig.from("127.0.0.1:9500", Map.of("CONSUL_HTTP_ADDR", "10.1.1.1:8500")).port())
                .as("the configuration wins over CONSUL_HTTP_ADDR").isEqualTo(9500);
        assertThatThrownBy(() -> ConsulConfig.from(null, Map.of("CONSUL_HTTP_ADDR", "nowhere")))
                .hasMessageStartingWith("CONSUL_HTTP_ADDR: expected host:port");
        assertThatThrownBy(() -> ConsulConfig.from(null, Map.of("CONSUL_HTTP_ADDR", "10.1.1.1:99999")))
                .as("a port out of range is named where it was written")
                .hasMessage("CONSUL_HTTP_ADDR: expected a port from 1 to 65535, got \"10.1.1.1:99999\"");
    }

    @Test
    void theTokenComesFromConsulHttpTokenWhichOverridesTheConfigurationAsInContainerPilot() {
        Map<String, String> env = Map.of("CONSUL_HTTP_TOKEN", "from-env");

        assertThat(ConsulConfig.from("127.0.0.1:8500", env).token()).isEqualTo("from-env");
        assertThat(ConsulConfig.from(Map.of("token", SECRET), env).token()).isEqualTo("from-env");
        assertThat(ConsulConfig.from(Map.of("token", SECRET), Map.of("CONSUL_HTTP_TOKEN", " ")).token()).isEqualTo(SECRET);
    }

    @Test
    void theTokenIsNeverPrinted() {
        ConsulConfig config = read(Map.of("address", "127.0.0.1:8500", "token", SECRET));

        assertThat(config.toString()).doesNotContain(SECRET).contains("token=(hidden)");
        assertThatThrownBy(() -> read(Map.of("token", 42)))
                .hasMessage("consul.token: expected a string, got a number (value hidden)");
    }

    @Test
    void aSchemeThatContradictsTheAddressIsAnError() {
        assertThatThrownBy(() -> read(Map.of("address", "https://127.0.0.1:8501", "scheme", "http")))
                .hasMessage("consul.scheme: \"http\" contradicts the address, which says \"https\"");
        assertThatThrownBy(() -> read(Map.of("scheme", "gopher")))
                .hasMessage("consul.scheme: expected \"http\" or \"https\", got \"gopher\"");
    }

    @Test
    void aTlsBlockMeansHttps(@TempDir Path dir) throws Exception {
        Path ca = Files.copy(Path.of(getClass().getResource("/placeholder-ca.pem").toURI()), dir.resolve("ca.pem"));

        ConsulConfig config = read(Map.of("address", "127.0.0.1:8501", "tls", Map.of("caFile", ca.toString())));

        assertThat(config.https()).isTrue();
        assertThat(config.tls().orElseThrow().caFile()).isEqualTo(ca);
        assertThatThrownBy(() -> read(Map.of("scheme", "http", "tls", Map.of("caFile", ca.toString()))))
                .hasMessage("consul.tls: TLS settings need the https scheme, but the scheme is \"http\"");
        assertThatThrownBy(() -> read(Map.of("address", "http://127.0.0.1:8500", "tls", Map.of("caFile", ca.toString()))))
                .hasMessage("consul.tls: TLS settings need the https scheme, but the scheme is \"http\"");
        assertThatThrownBy(() -> read(Map.of("tls", Map.of("caFile", dir.resolve("missing.pem").toString()))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("caFile")
                .hasMessageContaining("missing.pem");
    }

    @Test
    void durationsAreCheckedAgainstConsulsLimits() {
        assertThatThrownBy(() -> read(Map.of("deregisterCriticalServiceAfter", "30s")))
                .hasMessage("consul.deregisterCriticalServiceAfter: expected at least 1m (Consul's minimum), got \"30s\"");
        assertThatThrownBy(() -> ConsulServiceOptions.read("services[web].consul", Map.of("deregisterCriticalServiceAfter", "30s"),
                new ConsulServiceOptions(false, Duration.ofMinutes(10))))
                .as("a service's own block, under the same rule")
                .hasMessage("services[web].consul.deregisterCriticalServiceAfter: expected at least 1m (Consul's minimum), got \"30s\"");
        assertThat(ConsulServiceOptions.read("services[web].consul", Map.of(), new ConsulServiceOptions(false, Duration.ofMinutes(10))))
                .as("a block without the key keeps the backend's value")
                .isEqualTo(new ConsulServiceOptions(false, Duration.ofMinutes(10)));
        assertThatThrownBy(() -> read(Map.of("watchWait", "11m")))
                .hasMessage("consul.watchWait: expected at most 10m (Consul's maximum), got \"11m\"");
        assertThatThrownBy(() -> read(Map.of("timeout", "0s")))
                .hasMessage("consul.timeout: expected a positive duration, got \"0s\"");
        assertThatThrownBy(() -> read(Map.of("timeout", "soon")))
                .hasMessageStartingWith("consul.timeout: expected a duration");
        assertThat(read(Map.of("timeout", 3)).timeout()).as("a bare number is seconds").isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void otherTypesAreErrors() {
        assertThatThrownBy(() -> read(List.of("127.0.0.1:8500")))
                .hasMessage("consul: expected \"host:port\", \"http(s)://host:port\" or an object, got an array");
        assertThatThrownBy(() -> read(Map.of("enableTagOverride", "yes")))
                .hasMessage("consul.enableTagOverride: expected true or false, got \"yes\"");
    }

    @Test
    void theRecordRejectsWhatConsulWouldNot() {
        assertThatThrownBy(() -> ConsulConfig.http("127.0.0.1", 0)).hasMessageStartingWith("consul.address:");
        assertThatThrownBy(() -> ConsulConfig.http("127.0.0.1", 8500).withWatchWait(Duration.ofMinutes(11)))
                .hasMessageStartingWith("consul.watchWait:");
        assertThatThrownBy(() -> new ConsulConfig("http", "127.0.0.1", 8500, null, null, null, Duration.ofSeconds(10),
                false, Duration.ofSeconds(5), Duration.ofMinutes(5)))
                .hasMessageStartingWith("consul.deregisterCriticalServiceAfter:");
    }
}
