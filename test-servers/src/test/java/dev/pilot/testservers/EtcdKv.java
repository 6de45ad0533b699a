package dev.pilot.testservers;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts and gets one key through etcd's v3 JSON gateway ({@code /v3/kv/put}, {@code /v3/kv/range}),
 * where keys and values travel base64-encoded: enough to prove an etcd launcher serves.
 */
final class EtcdKv {

    private static final Pattern VALUE = Pattern.compile("\"value\":\"([^\"]*)\"");

    private EtcdKv() {}

    /** Puts {@code key = value} through the node at {@code address} ({@code host:port}). */
    static void put(String address, String key, String value) {
        HttpResponse<String> response = RawHttp.send("POST", uri(address, "/v3/kv/put"),
                "{\"key\":\"" + base64(key) + "\",\"value\":\"" + base64(value) + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("put " + key + " on " + address + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The value of {@code key} read through the node at {@code address}; empty when absent. */
    static Optional<String> get(String address, String key) {
        HttpResponse<String> response = RawHttp.send("POST", uri(address, "/v3/kv/range"), "{\"key\":\"" + base64(key) + "\"}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("get " + key + " on " + address + " answered " + response.statusCode() + ": " + response.body());
        }
        Matcher value = VALUE.matcher(response.body());
        return value.find()
                ? Optional.of(new String(Base64.getDecoder().decode(value.group(1)), StandardCharsets.UTF_8))
                : Optional.empty();
    }

    private static URI uri(String address, String path) {
        return URI.create("http://" + address + path);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
