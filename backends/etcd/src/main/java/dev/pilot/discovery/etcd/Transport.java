package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.support.JsonValues.object;

import dev.pilot.discovery.spi.Threads;
import dev.pilot.discovery.spi.Backoff;
import dev.pilot.discovery.DiscoveryException;
import dev.pilot.discovery.support.HttpClients;
import dev.pilot.discovery.support.HttpFailure;
import dev.pilot.discovery.support.InFlightRequests;
import dev.pilot.discovery.support.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * Sends requests to etcd's v3 JSON gateway ({@code POST /v3/...}) over the JDK {@link HttpClient},
 * with everything that makes one request survive a cluster: a deadline for the whole operation,
 * failover to the next endpoint when one is unreachable or has no leader, and an auth token
 * fetched on first use and again when the server says it expired. Bodies are JSON as
 * {@link JsonValues} reads and writes it; an answer that is not an object reads as an empty one.
 *
 * <p>Every request carries {@code hasleader=true} as gRPC metadata, so a member cut off from
 * its leader refuses at once (and cancels its watches) instead of answering from a stale state.
 *
 * <p>Thread-safe. {@link #close} releases the connections and the client's threads.
 */
final class Transport implements AutoCloseable {

    private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
    private static final Duration MAX_PAUSE = Duration.ofMillis(500);

    private final HttpClient http;
    private final ExecutorService executor;
    /** Twice the in-flight requests at which a client's heartbeats match etcd's own client (BENCHMARKS.md). */
    private static final int MOST_IN_FLIGHT = 32;
    /**
     * Cancelled by close(): before Java 21 nothing else ends a request blocked on an answer. Every
     * request here is unary or ends at its headers (a watch), so at most MOST_IN_FLIGHT connections.
     */
    private final InFlightRequests requests = new InFlightRequests(MOST_IN_FLIGHT);
    private final Endpoints endpoints;
    private final Duration timeout;
    private final AuthToken auth;
    private final HttpFailure.TlsAdvice tlsAdvice;
    private volatile boolean closed;

    Transport(EtcdConfig config) {
        this.endpoints = new Endpoints(config.endpoints());
        this.timeout = config.timeout();
        this.executor = Threads.perTaskExecutor("pilot-etcd-http-");
        // The gateway and gRPC share etcd's client port; plain HTTP/1.1 keeps clear of both
        // h2c upgrades and gRPC's own HTTP/2 routing.
        boolean https = config.endpoints().stream().anyMatch(endpoint -> "https".equals(endpoint.getScheme()));
        this.http = HttpClients.http11(https, config.tls(), config.timeout(), executor);
        this.tlsAdvice = new HttpFailure.TlsAdvice("server", EtcdBackendProvider.NAME + ".tls",
                config.tls().map(tls -> tls.certFile() != null).orElse(false));
        this.auth = config.hasCredentials() ? new AuthToken(config.user(), config.password(), this) : null;
    }

    /** The endpoints, for messages. */
    String address() {
        return endpoints.toString();
    }

    /**
     * Sends a unary request and returns etcd's JSON answer.
     *
     * @param what describes the operation for messages, e.g. {@code write /containerpilot/web/web-1}
     * @throws EtcdRefusal when etcd refused the request
     * @throws DiscoveryException when no endpoint answered within the timeout
     */
    Map<String, Object> call(String what, String path, Map<String, Object> body) {
        return exchange(new Request<>(what, path, JsonValues.toBytes(body), true, HttpResponse.BodyHandlers.ofByteArray(),
                parsed(answer -> object(JsonValues.parse(answer)))), deadline());
    }

    /**
     * Sends the {@code messages} of a bidirectional stream in one request body and returns etcd's
     * answers, one JSON value per line: the gateway ends the stream with the body.
     *
     * @param deadline when the whole operation must be over ({@link System#nanoTime})
     */
    List<Map<String, Object>> callStream(String what, String path, List<Map<String, Object>> messages, long deadline) {
        return exchange(new Request<>(what, path, Json.writeLines(messages), true, HttpResponse.BodyHandlers.ofByteArray(),
                parsed(answers -> JsonValues.parseAll(answers).stream().map(JsonValues::object).toList())), deadline);
    }

    /**
     * Opens a streaming request (a watch) and returns its body once etcd accepted it. The caller
     * reads it line by line and closes it to end the stream.
     */
    InputStream stream(String what, String path, Map<String, Object> body) {
        return exchange(new Request<>(what, path, JsonValues.toBytes(body), true, HttpResponse.BodyHandlers.ofInputStream(),
                (request, address, response) -> response.body()), deadline());
    }

    /**
     * Authenticates: the one request sent without a token, within the {@code deadline}
     * ({@link System#nanoTime}) of the request that needs the token.
     */
    Map<String, Object> authenticate(String what, Map<String, Object> body, long deadline) {
        return exchange(new Request<>(what, "/v3/auth/authenticate", JsonValues.toBytes(body), false,
                HttpResponse.BodyHandlers.ofByteArray(), parsed(answer -> object(JsonValues.parse(answer)))), deadline);
    }

    /** Forgets the auth token after the server refused it (a watch's cancel reason), so the next request fetches a new one. */
    void tokenRefused() {
        if (auth != null) {
            auth.forget();
        }
    }

    @Override
    public void close() {
        requests.cancelAll();
        closed = true;
        executor.shutdownNow();
        HttpClients.shutdownNow(http);
    }

    /** Reads the answer to a request that etcd accepted. */
    @FunctionalInterface
    private interface Reader<B, T> {
        T read(Request<B, T> request, String address, HttpResponse<B> response);
    }

    /** One request, as sent to whichever endpoint answers: {@code what} it does, for messages; all but authentication go {@code withToken}. */
    private record Request<B, T>(String what, String path, byte[] body, boolean withToken, BodyHandler<B> handler,
                                 Reader<B, T> reader) {}

    /** An attempt on one endpoint failed in a way that another endpoint, or a later try, may not. */
    private static final class AttemptFailed extends Exception {
        final boolean unreachable;

        AttemptFailed(boolean unreachable, DiscoveryException cause) {
            super(cause.getMessage(), cause, false, false);
            this.unreachable = unreachable;
        }

        DiscoveryException failure() {
            return (DiscoveryException) getCause();
        }
    }

    /** Parses an answer's body. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] body) throws IOException;
    }

    /** Reads a body with {@code parser}: an answer that does not parse is a failure of the request. */
    private static <T> Reader<byte[], T> parsed(Parser<T> parser) {
        return (request, address, response) -> {
            try {
                return parser.parse(response.body());
            } catch (IOException e) {
                throw new DiscoveryException(EtcdBackendProvider.NAME, address, request.what() + ": the answer is not JSON", e);
            }
        };
    }

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    private <B, T> T exchange(Request<B, T> request, long deadline) {
        if (closed) {
            throw new IllegalStateException("the etcd backend at " + address() + " is closed");
        }
        byte[] json = request.body();
        boolean withToken = request.withToken() && auth != null;
        boolean tokenRenewed = false;
        Backoff pauses = new Backoff(FIRST_PAUSE, MAX_PAUSE);
        Duration pause = pauses.next();
        DiscoveryException last = null;
        while (true) {
            boolean onlyUnreachable = true;
            int start = endpoints.current();
            for (int i = 0; i < endpoints.size(); i++) {
                int position = start + i;
                String token = withToken ? auth.token(deadline) : null;
                try {
                    T result = attempt(request, endpoints.get(position), json, token, remaining(deadline));
                    endpoints.succeeded(position);
                    return result;
                } catch (AttemptFailed failed) {
                    endpoints.failed(position);
                    onlyUnreachable &= failed.unreachable;
                    last = failed.failure();
                } catch (EtcdRefusal refusal) {
                    if (withToken && refusal.tokenInvalid() && !tokenRenewed) {
                        auth.refused(token);
                        tokenRenewed = true;
                        i--; // the same endpoint again, with a new token
                        continue;
                    }
                    throw refusal;
                }
                if (remaining(deadline).isZero()) {
                    throw timedOut(request.what(), last);
                }
            }
            // Every endpoint refusing connections means the cluster is down: say so now. Anything
            // else (no leader, a stale pooled connection, a slow member) may pass: try again.
            if (onlyUnreachable || remaining(deadline).compareTo(pause) <= 0) {
                throw last;
            }
            pauseFor(request.what(), pause);
            pause = pauses.next();
        }
    }

    private <B, T> T attempt(Request<B, T> call, URI endpoint, byte[] json, String token, Duration remaining)
            throws AttemptFailed {
        String what = call.what();
        String address = endpoint.getRawAuthority();
        if (remaining.isZero()) {
            throw new AttemptFailed(false, new DiscoveryException(EtcdBackendProvider.NAME, address, what + ": timed out after " + timeout.toMillis() + " ms"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(call.path()))
                .timeout(attemptTimeout(remaining))
                .header("Content-Type", "application/json")
                .header("Grpc-Metadata-hasleader", "true")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        if (token != null) {
            request.header("Authorization", token);
        }
        HttpResponse<B> response;
        try {
            response = requests.send(http, request.build(), call.handler());
        } catch (HttpFailure failure) {
            DiscoveryException e = new DiscoveryException(EtcdBackendProvider.NAME, address,
                    what + ": " + failure.reason(tlsAdvice), failure.exception());
            switch (failure.kind()) {
                case UNREACHABLE:
                    throw new AttemptFailed(true, e);
                case TIMEOUT:
                case BROKEN:
                    throw new AttemptFailed(false, e);
                default:
                    throw e; // TLS fails alike on every endpoint; an interrupt ends the call
            }
        }
        if (response.statusCode() == 200) {
            return call.reader().read(call, address, response);
        }
        EtcdRefusal refusal = EtcdRefusal.from(address, what, response);
        if (refusal == null) {
            throw new DiscoveryException(EtcdBackendProvider.NAME, address, what + ": unexpected HTTP status " + response.statusCode()
                    + " (is this an etcd 3.4+ client URL?)");
        }
        if (refusal.unavailable()) {
            throw new AttemptFailed(false, refusal);
        }
        throw refusal;
    }

    /**
     * One endpoint gets at most its share of the timeout, so a member that accepts connections
     * but never answers leaves time for the others.
     */
    private Duration attemptTimeout(Duration remaining) {
        Duration share = timeout.dividedBy(endpoints.size());
        if (share.compareTo(Duration.ofSeconds(1)) < 0) {
            share = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1);
        }
        return remaining.compareTo(share) < 0 ? remaining : share;
    }

    private static Duration remaining(long deadline) {
        long nanos = deadline - System.nanoTime();
        return nanos <= 0 ? Duration.ZERO : Duration.ofNanos(nanos);
    }

    private DiscoveryException timedOut(String what, DiscoveryException last) {
        return new DiscoveryException(EtcdBackendProvider.NAME, address(), what + ": no endpoint answered within "
                + timeout.toMillis() + " ms", last);
    }

    private void pauseFor(String what, Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscoveryException(EtcdBackendProvider.NAME, address(), what + ": interrupted", e);
        }
    }
}
