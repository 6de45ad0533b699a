package dev.pilot.discovery.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpFailureTest {

    private static final HttpFailure.TlsAdvice ADVICE = new HttpFailure.TlsAdvice("server", "foo.tls", false);

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final HttpClient client = HttpClients.http11(false, Optional.empty(), Duration.ofSeconds(2), executor);

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aPlainHttpClientNeverLoadsTheTrustStore() throws Exception {
        assertThat(client.sslContext()).isNotSameAs(SSLContext.getDefault());
        assertThat(HttpClients.http11(true, Optional.empty(), Duration.ofSeconds(2), executor).sslContext())
                .isSameAs(SSLContext.getDefault());
    }

    @Test
    void aPlainHttpClientRefusesTlsSayingWhy() throws Exception {
        assertThat(client.sslContext()).isInstanceOf(PlainHttpContext.class);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/"))
                    .timeout(Duration.ofSeconds(5)).build();
            Exception refused = catchThrowableOfType(Exception.class,
                    () -> client.send(request, HttpResponse.BodyHandlers.discarding()));
            assertThat(refused).isNotNull();
            assertThat(refused).hasStackTraceContaining("configured for plain http");
        }
    }

    @Test
    void nothingListeningIsUnreachable() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        HttpFailure failure = failureOf(request(port, Duration.ofSeconds(2)));

        assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.UNREACHABLE);
        assertThat(failure.reason(ADVICE)).isEqualTo("cannot connect");
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutNamingTheLimit() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // the limit leaves the client ample time to connect: a request timeout that ends while the
            // JDK's client still sets up the exchange (seen at 300 ms on a loaded machine) is a connect
            // timeout, rightly reported as unreachable
            HttpFailure failure = failureOf(request(silent.getLocalPort(), Duration.ofMillis(2500)));

            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.TIMEOUT);
            assertThat(failure.reason(ADVICE)).isEqualTo("no answer within 2500 ms");
        }
    }

    @Test
    void anInterruptedCallerKeepsItsFlag() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.currentThread().interrupt();
            HttpFailure failure = failureOf(request(silent.getLocalPort(), Duration.ofSeconds(5)));

            assertThat(Thread.interrupted()).as("the flag is set again").isTrue();
            assertThat(failure.kind()).isEqualTo(HttpFailure.Kind.INTERRUPTED);
            assertThat(failure.reason(ADVICE)).isEqualTo("interrupted");
        }
    }

    private HttpFailure failureOf(HttpRequest request) {
        return catchThrowableOfType(HttpFailure.class,
                () -> HttpFailure.send(client, request, HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpRequest request(int port, Duration timeout) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(timeout).GET().build();
    }
}
