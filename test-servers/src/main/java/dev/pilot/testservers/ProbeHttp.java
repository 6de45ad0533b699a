package dev.pilot.testservers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The HTTP GETs with which launchers ask a server whether it is ready or leads its cluster.
 * Short timeouts, so a probe of a dead or hung server fails fast and the next poll comes.
 */
final class ProbeHttp {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final HttpClient PLAIN = client(null);

    private ProbeHttp() {}

    /** An HTTP client for probes; {@code sslContext} for HTTPS servers, null for plain HTTP. */
    static HttpClient client(SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        return builder.build();
    }

    /** GETs {@code uri} over plain HTTP and returns the body of a 200 answer. */
    static String get(URI uri) throws IOException, InterruptedException {
        return get(PLAIN, uri);
    }

    /**
     * GETs {@code uri} and returns the body of a 200 answer.
     *
     * @throws IOException when the server does not answer or answers another status
     */
    static String get(HttpClient client, URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
