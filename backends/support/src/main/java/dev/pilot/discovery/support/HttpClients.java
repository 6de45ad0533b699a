package dev.pilot.discovery.support;

import dev.pilot.discovery.TlsOptions;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The JDK {@link HttpClient} of an HTTP backend: HTTP/1.1 (one connection per request in flight,
 * no h2c upgrade attempts, clear of gRPC's HTTP/2 routing on a shared port), a connect timeout,
 * the backend's executor, and the {@link SSLContext} its configuration asks for.
 *
 * <p>The client always holds an {@code SSLContext}; left to itself it takes
 * {@link SSLContext#getDefault()}, which loads the JDK's trust store (the larger part of the
 * ~240 ms a client costs to build). A plain-HTTP client pays nothing for TLS: its context has no
 * key material, trusts no one, and is never used.
 */
public final class HttpClients {

    private HttpClients() {}

    /**
     * @param https          whether any request goes over TLS
     * @param tls            the backend's {@code tls} block; empty for the JDK's defaults
     * @param connectTimeout how long connecting may take
     * @param executor       runs the client's work; owned by the caller, who shuts it down
     */
    public static HttpClient http11(boolean https, Optional<TlsOptions> tls, Duration connectTimeout, Executor executor) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .executor(executor)
                .sslContext(sslContext(https, tls))
                .build();
    }

    /** The context of {@code tls}; the JDK's default over https without one; one never used over plain http. */
    static SSLContext sslContext(boolean https, Optional<TlsOptions> tls) {
        if (tls.isPresent()) {
            return tls.get().sslContext();
        }
        if (!https) {
            return unused();
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no default TLS context", e);
        }
    }

    /** For plain HTTP: a context that never loads the trust store and refuses every certificate. */
    private static SSLContext unused() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[] {new TrustNoOne()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context", e);
        }
    }

    private static final class TrustNoOne implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client speaks plain HTTP");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("this client speaks plain HTTP");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
