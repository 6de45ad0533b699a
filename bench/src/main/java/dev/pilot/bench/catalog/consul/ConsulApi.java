package dev.pilot.bench.catalog.consul;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Consul's agent HTTP API called with nothing but the JDK {@link HttpClient}: the raw client
 * Pilot's Consul backend is compared with. Thread-safe.
 */
final class ConsulApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A response of a blocking query: when it arrived, its index, what it holds. */
    record Answer<T>(long arrivalNanos, long index, T value) {}

    private static final Duration WAIT = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    ConsulApi(URI base) {
        this.base = base;
    }

    /** PUT {@code path} with a JSON body (null for none); fails unless Consul answers 200. */
    void put(String path, Object body) {
        try {
            HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .PUT(publisher).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Consul at " + base + " answered " + response.statusCode()
                        + " to PUT " + path + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Consul at " + base + ": PUT " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during PUT " + path, e);
        }
    }

    /** Registers instance {@code id} of {@code service} with a TTL check that starts passing. */
    void register(String service, String id, int port, Duration ttl) {
        put("/v1/agent/service/register", Map.of("ID", id, "Name", service, "Address", "127.0.0.1", "Port", port,
                "Check", Map.of("CheckID", checkId(id), "TTL", ttl.toSeconds() + "s", "Status", "passing")));
    }

    void pass(String id) {
        put("/v1/agent/check/pass/" + checkId(id), null);
    }

    void deregister(String id) {
        put("/v1/agent/service/deregister/" + id, null);
    }

    /**
     * The ids of the passing instances of {@code service}: a blocking query that returns once the
     * index passes {@code index} (at once for index 0), or after five minutes.
     */
    Answer<Set<String>> health(String service, long index) throws IOException, InterruptedException {
        Answer<JsonNode> answer = blockingGet("/v1/health/service/" + service + "?passing=true", index);
        Set<String> ids = new HashSet<>();
        for (JsonNode entry : answer.value()) {
            ids.add(entry.path("Service").path("ID").asText());
        }
        return new Answer<>(answer.arrivalNanos(), answer.index(), ids);
    }

    /**
     * Whether each service's checks all pass, by service name, from every check the agent knows:
     * a blocking query like {@link #health}.
     */
    Answer<Map<String, Boolean>> checkStates(long index) throws IOException, InterruptedException {
        Answer<JsonNode> answer = blockingGet("/v1/health/state/any", index);
        Map<String, Boolean> passing = new HashMap<>();
        for (JsonNode check : answer.value()) {
            String service = check.path("ServiceName").asText("");
            if (!service.isEmpty()) {
                passing.merge(service, "passing".equals(check.path("Status").asText()), Boolean::logicalAnd);
            }
        }
        return new Answer<>(answer.arrivalNanos(), answer.index(), passing);
    }

    private Answer<JsonNode> blockingGet(String pathAndQuery, long index) throws IOException, InterruptedException {
        URI uri = base.resolve(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "index=" + index
                + "&wait=" + WAIT.toSeconds() + "s");
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(WAIT.plus(TIMEOUT)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        long arrival = System.nanoTime();
        if (response.statusCode() != 200) {
            throw new IOException("Consul at " + base + " answered " + response.statusCode() + " to " + uri.getPath());
        }
        long next = response.headers().firstValueAsLong("X-Consul-Index").orElse(0);
        return new Answer<>(arrival, next, JSON.readTree(response.body()));
    }

    /** {@code method path} with {@code body} as it is (null for none), whatever Consul answers. */
    HttpResponse<String> send(String method, String path, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Consul at " + base + ": " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    void close() {
        http.close();
    }

    /** The agent's Consul version. */
    String version() {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(base.resolve("/v1/agent/self"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            return "Consul " + JSON.readTree(response.body()).path("Config").path("Version").asText("?");
        } catch (IOException e) {
            return "Consul (version unknown: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Consul (version unknown)";
        }
    }

    private static String checkId(String id) {
        return "bench:" + id;
    }
}
