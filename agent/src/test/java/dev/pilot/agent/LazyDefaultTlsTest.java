package dev.pilot.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.net.ServerSocket;
import java.security.KeyManagementException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The agent's default TLS context describes and connects exactly as the JDK's own default does. */
class LazyDefaultTlsTest {

    static SSLContext jdk;

    @BeforeAll
    static void installIt() throws Exception {
        jdk = SSLContext.getInstance("Default");
        LazyDefaultTls.install();
    }

    @Test
    void theDefaultIsTheAgentsOwn() throws Exception {
        assertThat(SSLContext.getDefault()).isInstanceOf(LazyDefaultTls.class);
        assertThat(SSLContext.getDefault().getProtocol()).isEqualTo("Default");
    }

    @Test
    void itSupportsWhatTheJdksDefaultSupports() throws Exception {
        // what ZooKeeper's client asks at class initialisation: TLSv1.3 there makes it its default protocol
        SSLParameters supported = SSLContext.getDefault().getSupportedSSLParameters();
        assertThat(supported.getProtocols()).contains("TLSv1.3").containsExactly(jdk.getSupportedSSLParameters().getProtocols());
        assertThat(supported.getCipherSuites()).isNotEmpty().containsExactly(jdk.getSupportedSSLParameters().getCipherSuites());
    }

    @Test
    void serverSocketsAreDescribedAsTheJdksAndMadeByIt() throws Exception {
        // ZooKeeper's client asks the default server socket factory for its supported cipher suites
        SSLServerSocketFactory factory = (SSLServerSocketFactory) SSLServerSocketFactory.getDefault();
        assertThat(factory.getSupportedCipherSuites()).isNotEmpty().containsExactly(jdk.getServerSocketFactory().getSupportedCipherSuites());
        assertThat(factory.getDefaultCipherSuites()).isNotEmpty().containsExactly(jdk.getServerSocketFactory().getDefaultCipherSuites());
        try (ServerSocket socket = factory.createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket).isInstanceOf(SSLServerSocket.class);
            assertThat(((SSLServerSocket) socket).getEnabledProtocols()).containsExactly(
                    ((SSLServerSocket) jdk.getServerSocketFactory().createServerSocket()).getEnabledProtocols());
        }
    }

    @Test
    void connectionsGetTheJdksDefaults() throws Exception {
        SSLContext context = SSLContext.getDefault();
        assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly(jdk.getDefaultSSLParameters().getProtocols());
        SSLEngine engine = context.createSSLEngine("consul.example", 8501);
        assertThat(engine.getPeerHost()).isEqualTo("consul.example");
        assertThat(engine.getEnabledProtocols()).containsExactly(jdk.createSSLEngine().getEnabledProtocols());
        assertThat(context.getSocketFactory().getDefaultCipherSuites()).containsExactly(jdk.getSocketFactory().getDefaultCipherSuites());
        assertThat(context.getClientSessionContext()).isNotNull();
    }

    @Test
    void anHttpsClientOnTheDefaultSaysHello() throws Exception {
        // the JDK's HttpClient takes the default context when given none: its first bytes are a TLS handshake record
        CompletableFuture<HttpResponse<Void>> response;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            response = client.sendAsync(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            try (Socket accepted = server.accept()) {
                byte[] record = accepted.getInputStream().readNBytes(3);
                assertThat(record).as("content type handshake (22), TLS major version 3").startsWith(22, 3);
            }
        }
        assertThatThrownBy(response::join).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void nobodyReinitialisesIt() {
        assertThatThrownBy(() -> SSLContext.getDefault().init(new KeyManager[0], new TrustManager[0], null))
                .isInstanceOf(KeyManagementException.class);
    }
}
