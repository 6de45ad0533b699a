package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsulServerIT {

    private static ConsulServer consul;

    @BeforeAll
    static void startConsul() {
        consul = ConsulServer.launch();
    }

    @AfterAll
    static void stopConsul() {
        if (consul != null) {
            consul.close();
        }
    }

    @Test
    void answersRawKeyValueRequests() {
        assertThat(putKey(consul.uri(), "greeting", "hello", null)).isEqualTo(200);

        assertThat(RawHttp.send("GET", consul.uri().resolve("/v1/kv/greeting?raw"), null).body()).isEqualTo("hello");
    }

    @Test
    void restartLosesTheDataEvenWithoutWipeBecauseDevModeKeepsItInMemory() {
        putKey(consul.uri(), "ephemeral", "value", null);

        consul.restart(false);

        assertThat(RawHttp.send("GET", consul.uri().resolve("/v1/kv/ephemeral"), null).statusCode()).isEqualTo(404);
    }

    @Test
    void stoppedServerRefusesConnectionsAndStartsAgainOnTheSameAddress() {
        String address = consul.address();

        consul.stop();
        Connections.assertRefused(address);

        consul.start();
        assertThat(consul.address()).isEqualTo(address);
        assertThat(putKey(consul.uri(), "back", "again", null)).isEqualTo(200);
    }

    @Test
    void killedServerRefusesConnectionsAndStartsAgainOnTheSameAddress() {
        String address = consul.address();

        consul.kill();
        Connections.assertRefused(address);

        consul.start();
        assertThat(putKey(consul.uri(), "after", "crash", null)).isEqualTo(200);
    }

    @Test
    void closeStopsTheServerAndDeletesItsFolder() {
        ConsulServer other = ConsulServer.launch();

        other.close();

        Connections.assertRefused(other.address());
        assertThat(other.directory()).doesNotExist();
    }

    @Test
    void extraConfigurationReachesTheAgent() {
        String masterToken = UUID.randomUUID().toString();
        String acl = """
                acl {
                  enabled = true
                  default_policy = "deny"
                  down_policy = "extend-cache"
                  tokens { master = "%s"  agent = "%s" }
                }
                """.formatted(masterToken, masterToken);
        try (ConsulServer secured = ConsulServer.launch(ConsulOptions.defaults().withExtraConfig(acl))) {
            assertThat(putKey(secured.uri(), "guarded", "value", null)).isEqualTo(403);
            assertThat(putKey(secured.uri(), "guarded", "value", masterToken)).isEqualTo(200);
        }
    }

    @Test
    void servesHttpsOnlyWithTheCallersCertificate() {
        TestCertificates certificates = TestCertificates.shared();
        String tls = """
                cert_file = "%s"
                key_file = "%s"
                """.formatted(certificates.issue("server").certFile(), certificates.issue("server").keyFile());
        ConsulOptions options = ConsulOptions.defaults().withExtraConfig(tls).withHttpsOnly(certificates.trustingContext());
        try (ConsulServer secured = ConsulServer.launch(options)) {
            assertThat(secured.httpPort()).isEqualTo(-1);
            assertThat(secured.uri()).hasScheme("https").hasPort(secured.httpsPort());

            var response = RawHttp.send(RawHttp.client(certificates.trustingContext()), "GET", secured.uri().resolve("/v1/status/leader"), null);
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    private static int putKey(URI base, String key, String value, String token) {
        URI uri = base.resolve("/v1/kv/" + key + (token == null ? "" : "?token=" + token));
        return RawHttp.send("PUT", uri, value).statusCode();
    }
}
