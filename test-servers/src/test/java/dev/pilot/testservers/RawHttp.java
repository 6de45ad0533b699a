package dev.pilot.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** Plain JDK HTTP requests for the launcher smoke tests: what a client with no library sends. */
final class RawHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private RawHttp() {}

    /** Sends {@code method} with {@code body} (null for none) and returns the answer, whatever its status. */
    static HttpResponse<String> send(String method, URI uri, String body) {
        return send(CLIENT, method, uri, body);
    }

    /** A client that trusts what {@code sslContext} trusts, for HTTPS servers. */
    static HttpClient client(SSLContext sslContext) {
        return HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(sslContext).build();
    }

    /** Sends with {@code client}; see {@link #send(String, URI, String)}. */
    static HttpResponse<String> send(HttpClient client, String method, URI uri, String body) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + uri, e);
        }
    }
}
