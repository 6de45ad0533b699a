package dev.pilot.discovery.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs on every runtime the test command uses (17 and 25): each checks its own branch. */
class HttpClientsTest {

    private HttpServer server;
    private URI uri;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shutdownNowStopsTheClientWhereTheRuntimeCanAndIsHarmlessWhereItCannot() throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
        assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(204);

        HttpClients.shutdownNow(client);
        HttpClients.awaitTermination(client, Duration.ofSeconds(5));

        if (Runtime.version().feature() >= 21) {
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.discarding()))
                    .as("a stopped client sends nothing").isInstanceOf(IOException.class);
        } else {
            assertThat(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode())
                    .as("Java 17 cannot stop a client: it keeps working").isEqualTo(204);
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }
}
