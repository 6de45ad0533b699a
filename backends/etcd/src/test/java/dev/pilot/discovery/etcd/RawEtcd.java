package dev.pilot.discovery.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A bare client of one etcd node's v3 JSON gateway for tests: writes and reads keys behind the
 * backend's back, and compacts history. Independent of the backend's own code on purpose.
 */
final class RawEtcd {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String address;

    /** @param address {@code host:port} of a plain-HTTP client URL */
    RawEtcd(String address) {
        this.address = address;
    }

    /** Puts {@code key = value} without a lease; returns the revision of the write. */
    long put(String key, String value) {
        ObjectNode request = JSON.createObjectNode().put("key", base64(key)).put("value", base64(value));
        return revision(post("/v3/kv/put", request));
    }

    /** The value of {@code key}, if any. */
    Optional<String> get(String key) {
        return keyValue(key).map(kv -> decode(kv.path("value").asText("")));
    }

    /** The lease {@code key} is attached to (0 for none), if the key exists. */
    Optional<Long> lease(String key) {
        return keyValue(key).map(kv -> kv.path("lease").asLong(0));
    }

    /** The revision of the last write to {@code key}, if it exists. */
    Optional<Long> modRevision(String key) {
        return keyValue(key).map(kv -> kv.path("mod_revision").asLong());
    }

    /** The seconds {@code lease} has left, or -1 when it does not exist (expired or revoked). */
    long timeToLive(long lease) {
        return post("/v3/lease/timetolive", JSON.createObjectNode().put("ID", Long.toString(lease))).path("TTL").asLong();
    }

    /** The TTL {@code lease} was granted with. */
    long grantedTtl(long lease) {
        return post("/v3/lease/timetolive", JSON.createObjectNode().put("ID", Long.toString(lease))).path("grantedTTL").asLong();
    }

    /** Deletes {@code key}. */
    void delete(String key) {
        post("/v3/kv/deleterange", JSON.createObjectNode().put("key", base64(key)));
    }

    /** The store's current revision. */
    long revision() {
        return revision(post("/v3/kv/range", JSON.createObjectNode().put("key", base64("\0")).put("count_only", true)));
    }

    /** Compacts history up to {@code revision}: a watch from an older revision is refused. */
    void compact(long revision) {
        post("/v3/kv/compaction", JSON.createObjectNode().put("revision", Long.toString(revision)).put("physical", true));
    }

    /** The keep-alive streams the server has started so far: one per renewal request over its gateway. */
    long keepAliveStreams() {
        return send("/metrics", HttpRequest.newBuilder(URI.create("http://" + address + "/metrics")).build()).lines()
                .filter(line -> line.startsWith("grpc_server_started_total{") && line.contains("grpc_method=\"LeaseKeepAlive\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private Optional<JsonNode> keyValue(String key) {
        JsonNode kvs = post("/v3/kv/range", JSON.createObjectNode().put("key", base64(key))).path("kvs");
        return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
    }

    private JsonNode post(String path, ObjectNode body) {
        try {
            return JSON.readTree(send(path, HttpRequest.newBuilder(URI.create("http://" + address + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build()));
        } catch (IOException e) {
            throw new UncheckedIOException(path + " on " + address, e);
        }
    }

    /** The body of the answer to {@code request}, which must be 200 OK. */
    private String send(String path, HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " on " + address + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(path + " on " + address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static long revision(JsonNode answer) {
        return answer.path("header").path("revision").asLong();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
