package dev.pilot.discovery.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pilot.discovery.ConfigException;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Credentials;
import dev.pilot.discovery.zookeeper.ZooKeeperConfig.Scheme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZooKeeperConfigTest {

    @Test
    void aStringIsTheConnectStringAndEverythingElseIsDefault() {
        ZooKeeperConfig config = ZooKeeperConfig.from("zk1:2181, zk2:2181,10.0.0.3:2182");

        assertThat(config.address()).isEqualTo("zk1:2181,zk2:2181,10.0.0.3:2182");
        assertThat(config.prefix()).isEqualTo("/containerpilot");
        assertThat(config.sessionTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.auth()).isEmpty();
        assertThat(config.tls()).isEmpty();
    }

    @Test
    void aBlockSetsEveryKey() {
        ZooKeeperConfig config = ZooKeeperConfig.from(Map.of(
                "address", "127.0.0.1:2181",
                "prefix", "/pilot/prod",
                "sessionTimeout", "6s",
                "connectionTimeout", 3,
                "auth", Map.of("scheme", "digest", "user", "pilot", "password", "s3cret")));

        assertThat(config).isEqualTo(new ZooKeeperConfig("127.0.0.1:2181", "/pilot/prod", Duration.ofSeconds(6),
                Duration.ofSeconds(3), java.util.Optional.of(new Credentials(Scheme.DIGEST, "pilot", "s3cret")),
                java.util.Optional.empty()));
    }

    @Test
    void digestIsTheDefaultSchemeAndSaslIsTheOther() {
        assertThat(ZooKeeperConfig.from(Map.of("address", "zk:2181", "auth", Map.of("user", "u", "password", "p")))
                .auth().orElseThrow().scheme()).isEqualTo(Scheme.DIGEST);
        assertThat(ZooKeeperConfig.from(Map.of("address", "zk:2181",
                "auth", Map.of("scheme", "SASL", "user", "u", "password", "p"))).auth().orElseThrow().scheme())
                .isEqualTo(Scheme.SASL);
    }

    @Test
    void theTlsBlockIsTheOneEveryBackendAccepts(@TempDir Path folder) throws Exception {
        Path ca = Files.copy(Path.of(getClass().getResource("/placeholder-ca.pem").toURI()), folder.resolve("ca.pem"));

        ZooKeeperConfig config = ZooKeeperConfig.from(Map.of("address", "zk:2281", "tls", Map.of("caFile", ca.toString())));

        assertThat(config.tls().orElseThrow().caFile()).isEqualTo(ca);
    }

    @Test
    void badValuesNameTheirKeyAndWhatWasExpected() {
        assertThatThrownBy(() -> ZooKeeperConfig.from(null))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zookeeper: expected a connect string such as \"zk1:2181,zk2:2181\" or an object, got nothing");
        assertThatThrownBy(() -> ZooKeeperConfig.from(List.of("zk:2181")))
                .hasMessage("zookeeper: expected a connect string such as \"zk1:2181,zk2:2181\" or an object, got an array");
        assertThatThrownBy(() -> ZooKeeperConfig.from("localhost"))
                .hasMessage("zookeeper.address: expected host:port[,host:port...], got \"localhost\" (bad entry \"localhost\")");
        assertThatThrownBy(() -> ZooKeeperConfig.from("zk1:2181,"))
                .hasMessageStartingWith("zookeeper.address: expected host:port[,host:port...], got \"zk1:2181,\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from("zk1:99999"))
                .hasMessage("zookeeper.address: expected ports from 1 to 65535, got 99999 in \"zk1:99999\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from("zk1:2181/chroot"))
                .hasMessageContaining("without a chroot (use zookeeper.prefix)");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("adress", "zk:2181")))
                .hasMessage("zookeeper.adress: unknown key; expected one of "
                        + "[address, prefix, sessionTimeout, connectionTimeout, auth, tls]");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("prefix", "/x")))
                .hasMessage("zookeeper.address: expected host:port[,host:port...], got nothing");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "prefix", "containerpilot")))
                .hasMessage("zookeeper.prefix: expected an absolute node path such as \"/containerpilot\", got \"containerpilot\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "prefix", "/a//b")))
                .hasMessageStartingWith("zookeeper.prefix: expected a valid node path, got \"/a//b\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "sessionTimeout", "0s")))
                .hasMessage("zookeeper.sessionTimeout: expected a positive duration, got \"0s\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "connectionTimeout", "soon")))
                .hasMessage("zookeeper.connectionTimeout: expected a duration such as \"10s\" or \"1500ms\", got \"soon\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "auth", Map.of("scheme", "kerberos",
                "user", "u", "password", "p"))))
                .hasMessage("zookeeper.auth.scheme: expected \"digest\" or \"sasl\", got \"kerberos\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "auth", Map.of("user", "u"))))
                .hasMessage("zookeeper.auth.password: expected a non-empty password (value hidden)");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "auth",
                Map.of("user", "a:b", "password", "p"))))
                .hasMessage("zookeeper.auth.user: expected a user name without ':', got \"a:b\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "tls", Map.of("caFile", "/nowhere.pem"))))
                .hasMessageStartingWith("zookeeper.tls.caFile: expected a readable PEM file, got \"/nowhere.pem\"");
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181", "tls", Map.of("insecureSkipVerify", true))))
                .hasMessage("zookeeper.tls.insecureSkipVerify: not supported: ZooKeeper's client always verifies the server; "
                        + "give caFile instead");
    }

    @Test
    void thePasswordNeverShows() {
        String password = "hunter2-the-password";
        ZooKeeperConfig config = ZooKeeperConfig.from(Map.of("address", "zk:2181",
                "auth", Map.of("user", "pilot", "password", password)));

        assertThat(config.toString()).contains("user=pilot").doesNotContain(password);
        assertThatThrownBy(() -> ZooKeeperConfig.from(Map.of("address", "zk:2181",
                "auth", Map.of("user", "pilot", "password", List.of(password)))))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining(password);
    }
}
