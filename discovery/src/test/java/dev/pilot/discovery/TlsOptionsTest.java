package dev.pilot.discovery;

import dev.pilot.discovery.spi.ConfigMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsOptionsTest {

    @TempDir
    Path dir;

    @Test
    void noTlsBlockMeansNoOptions() {
        assertThat(TlsOptions.from(ConfigMap.of("consul", Map.of()))).isEmpty();
    }

    @Test
    void aMissingFileIsNamedByItsFullKey() {
        ConfigMap consul = ConfigMap.of("consul", Map.of("tls", Map.of("caFile", dir.resolve("absent.pem").toString())));

        assertThatThrownBy(() -> TlsOptions.from(consul))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("consul.tls.caFile: expected a readable PEM file");
    }

    @Test
    void aFileWithoutCertificatesIsNamedByItsFullKey() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        ConfigMap etcd = ConfigMap.of("etcd", Map.of("tls", Map.of("caFile", ca.toString())));

        assertThatThrownBy(() -> TlsOptions.from(etcd))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("etcd.tls.caFile: expected PEM certificates in");
    }

    @Test
    void aCertificateWithoutItsKeyIsAnError() throws Exception {
        Path cert = Files.writeString(dir.resolve("cert.pem"), "x");
        ConfigMap etcd = ConfigMap.of("etcd", Map.of("tls", Map.of("certFile", cert.toString())));

        assertThatThrownBy(() -> TlsOptions.from(etcd))
                .hasMessage("etcd.tls.keyFile: expected a PEM file path, since certFile is set; got nothing");
    }

    @Test
    void unknownKeysAreRejected() {
        ConfigMap etcd = ConfigMap.of("etcd", Map.of("tls", Map.of("ca", "/x")));

        assertThatThrownBy(() -> TlsOptions.from(etcd))
                .hasMessage("etcd.tls.ca: unknown key; expected one of [caFile, certFile, keyFile, insecureSkipVerify]");
    }

    @Test
    void insecureSkipVerifyBuildsAContextWithoutFiles() {
        ConfigMap consul = ConfigMap.of("consul", Map.of("tls", Map.of("insecureSkipVerify", true)));

        TlsOptions options = TlsOptions.from(consul).orElseThrow();

        assertThat(options.insecureSkipVerify()).isTrue();
        assertThat(options.sslContext()).isNotNull();
    }
}
