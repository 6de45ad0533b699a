package dev.pilot.discovery.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pilot.discovery.support.HttpClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Direct requests to a Consul agent's HTTP API, bypassing the backend: what the tests use to look
 * at the catalog as Consul reports it and to write to it as another client would.
 */
final class RawAgent implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String token;

    RawAgent(String address, String token) {
        this.base = URI.create("http://" + address);
        this.token = token;
    }

    RawAgent(String address) {
        this(address, null);
    }

    /** The JSON body of a successful GET. */
    JsonNode get(String path) {
        HttpResponse<String> response = send(request(path).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body of a successful PUT. */
    String put(String path, String json) {
        HttpResponse<String> response = send(request(path).PUT(json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("PUT " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** Registers a service without checks: passing at once. */
    void registerWithoutCheck(String id, String name, int port) {
        put("/v1/agent/service/register", """
                {"ID": "%s", "Name": "%s", "Port": %d, "Address": "127.0.0.1"}""".formatted(id, name, port));
    }

    void deregister(String id) {
        put("/v1/agent/service/deregister/" + id, null);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
        return token == null ? builder : builder.header("X-Consul-Token", token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        HttpClients.shutdownNow(client);
    }
}
