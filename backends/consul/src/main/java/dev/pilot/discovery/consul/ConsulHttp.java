package dev.pilot.discovery.consul;

import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.TlsOptions;
import dev.pilot.discovery.support.HttpClients;
import dev.pilot.discovery.support.HttpFailure;
import dev.pilot.discovery.support.InFlightRequests;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP exchanges with one Consul agent: the JDK {@link HttpClient} ({@link HttpClients}) with the
 * agent's base URI, the ACL token header and a timeout on every request. Every failure to get an
 * answer becomes a {@link DiscoveryException} naming the backend, the agent's address, the
 * operation and the {@link HttpFailure}; the token never appears in one.
 *
 * <p>Thread-safe. {@link #close()} aborts requests in flight, blocking queries included.
 */
final class ConsulHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsulHttp.class);

    /** An answer from the agent, whatever its status. */
    record Response(int status, String body, long index) {
        boolean ok() {
            return status / 100 == 2;
        }
    }

    /**
     * Short exchanges (everything but blocking queries) in flight at once. Each holds a connection,
     * and the HTTP/1.1 client opens one for every request in flight: without a bound, services whose
     * heartbeats fall due at the same instant would open one each and run into Consul's limit per
     * client address ({@code limits.http_max_conns_per_client}, 200 by default), which answers the
     * surplus by closing it. With the blocking queries (at most {@link ConsulBackend#DEDICATED_WATCHES}
     * plus the shared catalog watch's two), the connections stay bounded whatever the number of
     * services and watches.
     */
    static final int SHORT_EXCHANGES = 16;

    private final ConsulConfig config;
    private final String base;
    private final ExecutorService executor;
    /**
     * Cancelled by close(): before Java 21 nothing else ends a request blocked on an answer.
     * Blocking queries have no bound; short exchanges at most {@link #SHORT_EXCHANGES} at once.
     */
    private final InFlightRequests blockingQueries = new InFlightRequests();
    private final InFlightRequests shortExchanges = new InFlightRequests(SHORT_EXCHANGES);
    private final HttpClient client;
    private final HttpFailure.TlsAdvice tlsAdvice;

    ConsulHttp(ConsulConfig config) {
        this.config = config;
        this.base = config.scheme() + "://" + config.address();
        this.executor = Threads.perTaskExecutor("consul-http-");
        this.client = HttpClients.http11(config.https(), config.tls(), config.timeout(), executor);
        this.tlsAdvice = new HttpFailure.TlsAdvice("agent", ConsulBackendProvider.NAME + ".tls",
                config.tls().map(tls -> tls.certFile() != null).orElse(false));
        if (config.tls().filter(TlsOptions::insecureSkipVerify).isPresent()) {
            LOG.warn("consul at {}: TLS certificate verification is off (consul.tls.insecureSkipVerify): "
                    + "any server can pose as the agent", config.address());
        }
    }

    /** The agent's {@code host:port}, as messages name it. */
    String address() {
        return config.address();
    }

    /** Whether requests carry an ACL token. */
    boolean hasToken() {
        return config.token() != null;
    }

    Response get(String pathAndQuery, Duration timeout, String operation) {
        return send(request(pathAndQuery).GET(), operation, timeout);
    }

    /** A PUT with {@code json} as its body (UTF-8 bytes), or none when it is null. */
    Response put(String pathAndQuery, byte[] json, String operation) {
        HttpRequest.BodyPublisher body = json == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(json);
        return send(request(pathAndQuery).PUT(body), operation, config.timeout());
    }

    /** A {@link DiscoveryException} about this agent. */
    DiscoveryException failure(String message, Throwable cause) {
        return new DiscoveryException(ConsulBackendProvider.NAME, config.address(), message, cause);
    }

    DiscoveryException failure(String message) {
        return failure(message, null);
    }

    /** Percent-encodes one path segment or query value. */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + pathAndQuery));
        if (config.token() != null) {
            builder.header("X-Consul-Token", config.token());
        }
        return builder;
    }

    /**
     * Sends a request whose {@code timeout} counts from now. A blocking query (allowed longer than the
     * configured timeout) goes at once; a short exchange first waits for one of the
     * {@link #SHORT_EXCHANGES} places, within the same timeout.
     */
    private Response send(HttpRequest.Builder request, String operation, Duration timeout) {
        InFlightRequests requests = timeout.compareTo(config.timeout()) > 0 ? blockingQueries : shortExchanges;
        try {
            HttpResponse<String> response = requests.send(client, request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
            long index = response.headers().firstValueAsLong("X-Consul-Index").orElse(0);
            return new Response(response.statusCode(), response.body(), index);
        } catch (HttpFailure e) {
            throw failure(operation + ": " + e.reason(tlsAdvice), e.exception());
        }
    }

    /** Aborts requests in flight and stops the client's threads. */
    @Override
    public void close() {
        blockingQueries.cancelAll();
        shortExchanges.cancelAll();
        HttpClients.shutdownNow(client);
        executor.shutdownNow();
        HttpClients.awaitTermination(client, Duration.ofSeconds(1));
        try {
            executor.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
