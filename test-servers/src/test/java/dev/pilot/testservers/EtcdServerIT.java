package dev.pilot.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EtcdServerIT {

    private static EtcdServer etcd;

    @BeforeAll
    static void startEtcd() {
        etcd = EtcdServer.launch();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @Test
    void answersRawKeyValueRequests() {
        EtcdKv.put(etcd.address(), "greeting", "hello");

        assertThat(EtcdKv.get(etcd.address(), "greeting")).contains("hello");
    }

    @Test
    void restartWithoutWipeKeepsTheData() {
        EtcdKv.put(etcd.address(), "durable", "kept");

        etcd.restart(false);

        assertThat(EtcdKv.get(etcd.address(), "durable")).contains("kept");
    }

    @Test
    void restartWithWipeLosesTheData() {
        EtcdKv.put(etcd.address(), "doomed", "gone");

        etcd.restart(true);

        assertThat(EtcdKv.get(etcd.address(), "doomed")).isEmpty();
    }

    @Test
    void stoppedServerRefusesConnectionsAndStartsAgainOnTheSameAddress() {
        String address = etcd.address();

        etcd.stop();
        Connections.assertRefused(address);

        etcd.start();
        assertThat(etcd.address()).isEqualTo(address);
        EtcdKv.put(address, "back", "again");
    }

    @Test
    void servesHttpsClientsWithTheCallersCertificate() {
        TestCertificates certificates = TestCertificates.shared();
        EtcdOptions options = EtcdOptions.defaults().withHttps().withExtraArgs(
                "--cert-file", certificates.issue("server").certFile().toString(),
                "--key-file", certificates.issue("server").keyFile().toString());
        try (EtcdServer secured = EtcdServer.launch(options)) {
            assertThat(secured.uri()).hasScheme("https");

            var response = RawHttp.send(RawHttp.client(certificates.trustingContext()), "POST",
                    secured.uri().resolve("/v3/kv/range"), "{\"key\":\"YQ==\"}");
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void closeStopsTheServerAndDeletesItsData() {
        EtcdServer other = EtcdServer.launch();

        other.close();

        Connections.assertRefused(other.address());
        assertThat(other.directory()).doesNotExist();
    }

    @Test
    void killedServerRefusesConnectionsAndKeepsItsDataForTheNextStart() {
        EtcdKv.put(etcd.address(), "crash", "survived");

        etcd.kill();
        Connections.assertRefused(etcd.address());

        etcd.start();
        assertThat(EtcdKv.get(etcd.address(), "crash")).contains("survived");
    }
}
