package dev.pilot.discovery.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/**
 * Why an HTTP exchange got no answer, named the same way by every HTTP backend: {@link #send}
 * sorts the JDK client's exceptions into a {@link Kind}, and {@link #reason} says it in one
 * phrase for a {@link dev.pilot.discovery.DiscoveryException} ("cannot connect", "no answer within
 * 5000 ms", "the TLS handshake failed: …", "interrupted"). Never carries a request header, so a
 * token cannot leak through it.
 */
public final class HttpFailure extends Exception {

    /** What went wrong, from the client's side. */
    public enum Kind {
        /** Nothing accepted the connection (refused, timed out connecting, no such host): another endpoint may answer. */
        UNREACHABLE,
        /** Connected, but no answer within the request's timeout. */
        TIMEOUT,
        /** The TLS handshake failed. */
        TLS,
        /** The connection broke or was closed before an answer. */
        BROKEN,
        /** The calling thread was interrupted; its interrupt flag is set again. */
        INTERRUPTED
    }

    /**
     * How messages name the server and its TLS settings, for the advice a TLS failure carries.
     *
     * @param server            the server's role, e.g. {@code "agent"}
     * @param tlsKey            the key path of the backend's {@code tls} block, e.g. {@code "consul.tls"}
     * @param clientCertificate whether the configuration presents a client certificate
     */
    public record TlsAdvice(String server, String tlsKey, boolean clientCertificate) {}

    private final Kind kind;
    private final URI uri;
    private final Duration timeout;

    private HttpFailure(Kind kind, HttpRequest request, Throwable cause) {
        super(kind + " " + request.uri(), cause, false, false);
        this.kind = kind;
        this.uri = request.uri();
        this.timeout = request.timeout().orElse(null);
    }

    /**
     * Sends {@code request} and waits for its answer, whatever its status.
     *
     * @throws HttpFailure when no answer came
     */
    public static <T> HttpResponse<T> send(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws HttpFailure {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw of(e, request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HttpFailure(Kind.INTERRUPTED, request, e);
        }
    }

    /** The failure {@code cause} is, for {@code request}: what {@link #send} throws for it. */
    static HttpFailure of(Throwable cause, HttpRequest request) {
        if (cause instanceof InterruptedException) {
            return new HttpFailure(Kind.INTERRUPTED, request, cause);
        }
        if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                || cause instanceof UnresolvedAddressException) {
            return new HttpFailure(Kind.UNREACHABLE, request, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new HttpFailure(Kind.TIMEOUT, request, cause);
        }
        if (cause instanceof IOException) {
            return new HttpFailure(tlsCause(cause) != null ? Kind.TLS : Kind.BROKEN, request, cause);
        }
        return new HttpFailure(Kind.BROKEN, request, cause);
    }

    /** An exchange that ended because its client was closed. */
    static HttpFailure closed(HttpRequest request) {
        return new HttpFailure(Kind.INTERRUPTED, request, new IOException("the client was closed"));
    }

    public Kind kind() {
        return kind;
    }

    /** The failure in one phrase, with advice when TLS is the likely cause. */
    public String reason(TlsAdvice tls) {
        switch (kind) {
            case UNREACHABLE:
                return "cannot connect";
            case TIMEOUT:
                return "no answer within " + (timeout == null ? "the timeout" : timeout.toMillis() + " ms");
            case TLS:
                return "the TLS handshake failed: " + tlsHint(tlsCause(getCause()), tls);
            case INTERRUPTED:
                return "interrupted";
            default:
                if ("https".equals(uri.getScheme()) && !tls.clientCertificate()) {
                    // Over TLS 1.3 a server that verifies clients may refuse one only after the
                    // handshake, by closing the connection: the client then sees no answer at all.
                    return "the " + tls.server() + " closed the TLS connection without answering; " + clientCertificateHint(tls);
                }
                return "the connection failed";
        }
    }

    /** The exception that ended the exchange, for a {@code DiscoveryException}'s cause. */
    public Throwable exception() {
        return kind == Kind.TLS ? tlsCause(getCause()) : getCause();
    }

    /** What a failed handshake most likely means, by who gave up: the server, or this client. */
    private String tlsHint(SSLException e, TlsAdvice tls) {
        String detail = String.valueOf(e.getMessage());
        if (detail.contains("Received fatal alert")) {
            return "the " + tls.server() + " refused it; " + clientCertificateHint(tls);
        }
        if (detail.contains("subject alternative name") || detail.contains("No name matching")) {
            return "the " + tls.server() + "'s certificate does not name " + uri.getHost() + ", the host connected to";
        }
        return "the " + tls.server() + "'s certificate is not trusted; check that " + tls.tlsKey()
                + ".caFile holds the CA that signed it";
    }

    private static String clientCertificateHint(TlsAdvice tls) {
        return "if the " + tls.server() + " verifies clients, set " + tls.tlsKey() + ".certFile and " + tls.tlsKey()
                + ".keyFile to a certificate signed by a CA it trusts";
    }

    private static SSLException tlsCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return (SSLException) t;
            }
        }
        return null;
    }
}
