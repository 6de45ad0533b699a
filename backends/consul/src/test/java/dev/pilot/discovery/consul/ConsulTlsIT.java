package dev.pilot.discovery.consul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.TlsOptions;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.Timing;
import dev.pilot.testservers.ConsulOptions;
import dev.pilot.testservers.ConsulServer;
import dev.pilot.testservers.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Consul agents with HTTPS listeners whose certificates come from a test CA made by the test.
 * The JDK's HTTP client checks the certificate chain and that the certificate names the host
 * connected to; {@code insecureSkipVerify} turns off both, as Go's option of that name does.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsulTlsIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Path directory;
    private TestCertificates testCa;
    private TestCertificates otherCa;
    private final List<ServiceBackend> backends = new ArrayList<>();

    @BeforeAll
    void makeCertificates() throws IOException {
        directory = Files.createTempDirectory("pilot-consul-tls");
        testCa = TestCertificates.authority(directory.resolve("test-ca"), "test-ca");
        otherCa = TestCertificates.authority(directory.resolve("other-ca"), "other-ca");
    }

    @AfterAll
    void deleteCertificates() throws IOException {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    @AfterEach
    void closeBackends() {
        backends.forEach(ServiceBackend::close);
        backends.clear();
    }

    private ServiceBackend connect(int port, Map<String, Object> tls) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("address", "127.0.0.1:" + port);
        raw.put("timeout", "5s");
        raw.put("tls", tls);
        ServiceBackend backend = new ConsulBackendProvider().create(raw);
        backends.add(backend);
        return backend;
    }

    private static ServiceDefinition service() {
        String name = "secure-" + SEQUENCE.incrementAndGet();
        return new ServiceDefinition(name + "-1", name, 8443, Duration.ofSeconds(30), List.of(), "127.0.0.1");
    }

    private static void assertWorks(ServiceBackend backend) {
        ServiceDefinition web = service();
        RecordingListener listener = new RecordingListener();
        try (Watch ignored = backend.watch(web.name(), "", listener)) {
            backend.sendHeartbeat(web);
            assertThat(backend.instances(web.name(), "")).containsExactly(web.toInstance());
            await().atMost(Timing.PROMPTLY).until(() -> listener.lastIds().equals(List.of(web.id())));
        }
    }

    private static String tlsFiles(TestCertificates.Leaf server) {
        return "cert_file = \"%s\"\nkey_file = \"%s\"\n".formatted(server.certFile(), server.keyFile());
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class HttpsOnlyAgent {

        private ConsulServer consul;

        @BeforeAll
        void startConsul() {
            TestCertificates.Leaf server = testCa.issue("agent", "IP:127.0.0.1,DNS:localhost");
            var probe = new TlsOptions(testCa.ca(), null, null, false).sslContext();
            consul = ConsulServer.launch(ConsulOptions.defaults().withExtraConfig(tlsFiles(server)).withHttpsOnly(probe));
        }

        @AfterAll
        void stopConsul() {
            if (consul != null) {
                consul.close();
            }
        }

        @Test
        void aConnectionVerifiedWithTheTestCaWorks() {
            assertWorks(connect(consul.httpsPort(), Map.of("caFile", testCa.ca().toString())));
        }

        @Test
        void aWrongCaFailsWithAClearMessage() {
            ServiceBackend backend = connect(consul.httpsPort(), Map.of("caFile", otherCa.ca().toString()));

            assertThatThrownBy(() -> backend.sendHeartbeat(service()))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageStartingWith("consul at 127.0.0.1:" + consul.httpsPort() + ": registering service ")
                    .hasMessageContaining("the TLS handshake failed: the agent's certificate is not trusted; "
                            + "check that consul.tls.caFile holds the CA that signed it");
        }

        @Test
        void withoutACaFileTheJdkTrustStoreDecidesAndDoesNotKnowTheTestCa() {
            ServiceBackend backend = new ConsulBackendProvider().create("https://127.0.0.1:" + consul.httpsPort());
            backends.add(backend);

            assertThatThrownBy(() -> backend.instances("anything", ""))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("the TLS handshake failed");
        }

        @Test
        void insecureSkipVerifyAcceptsACertificateFromAnyCa() {
            assertWorks(connect(consul.httpsPort(), Map.of("caFile", otherCa.ca().toString(), "insecureSkipVerify", true)));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgentCertifiedForAnotherHost {

        private ConsulServer consul;

        @BeforeAll
        void startConsul() {
            TestCertificates.Leaf server = testCa.issue("elsewhere", "DNS:consul.elsewhere.test");
            consul = ConsulServer.launch(ConsulOptions.defaults().withExtraConfig(tlsFiles(server)).withHttps());
        }

        @AfterAll
        void stopConsul() {
            if (consul != null) {
                consul.close();
            }
        }

        @Test
        void theCertificateMustNameTheHostConnectedTo() {
            ServiceBackend backend = connect(consul.httpsPort(), Map.of("caFile", testCa.ca().toString()));

            assertThatThrownBy(() -> backend.sendHeartbeat(service()))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageContaining("the TLS handshake failed: the agent's certificate does not name "
                            + "127.0.0.1, the host connected to");
        }

        @Test
        void insecureSkipVerifySkipsTheHostNameCheckToo() {
            assertWorks(connect(consul.httpsPort(), Map.of("insecureSkipVerify", true)));
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class AgentRequiringClientCertificates {

        private ConsulServer consul;
        private TestCertificates.Leaf client;

        @BeforeAll
        void startConsul() {
            TestCertificates.Leaf server = testCa.issue("mtls-agent", "IP:127.0.0.1");
            client = testCa.issue("client", "DNS:client.test");
            consul = ConsulServer.launch(ConsulOptions.defaults().withExtraConfig(tlsFiles(server)
                    + "ca_file = \"%s\"\nverify_incoming_https = true\n".formatted(testCa.ca())).withHttps());
        }

        @AfterAll
        void stopConsul() {
            if (consul != null) {
                consul.close();
            }
        }

        @Test
        void theClientCertificateOfTheTlsBlockIsPresented() {
            assertWorks(connect(consul.httpsPort(), Map.of("caFile", testCa.ca().toString(),
                    "certFile", client.certFile().toString(), "keyFile", client.keyFile().toString())));
        }

        @Test
        void withoutAClientCertificateTheAgentRefusesTheConnection() {
            ServiceBackend backend = connect(consul.httpsPort(), Map.of("caFile", testCa.ca().toString()));

            assertThatThrownBy(() -> backend.sendHeartbeat(service()))
                    .isInstanceOf(DiscoveryException.class)
                    .hasMessageStartingWith("consul at 127.0.0.1:" + consul.httpsPort())
                    // TLS 1.3 refuses either in the handshake or by closing the connection after it
                    .hasMessageContaining("if the agent verifies clients, set consul.tls.certFile and consul.tls.keyFile");
        }
    }
}
