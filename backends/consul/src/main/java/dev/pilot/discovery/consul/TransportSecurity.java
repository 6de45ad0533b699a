package dev.pilot.discovery.consul;

import dev.pilot.discovery.TlsOptions;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SSLContext} the HTTP client of a configuration gets.
 *
 * <p>The JDK {@code HttpClient} always holds an {@code SSLContext}; left to itself it takes
 * {@link SSLContext#getDefault()}, which loads the JDK's trust store (the larger part of the
 * ~240 ms a client costs to build). A plain-HTTP configuration pays nothing for TLS: its context
 * has no key material and trusts no one, and is never used.
 */
final class TransportSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(TransportSecurity.class);

    private TransportSecurity() {}

    static SSLContext sslContext(ConsulConfig config) {
        if (!config.https()) {
            return unused();
        }
        if (config.tls().isEmpty()) {
            try {
                return SSLContext.getDefault();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK offers no default TLS context", e);
            }
        }
        TlsOptions tls = config.tls().get();
        if (tls.insecureSkipVerify()) {
            LOG.warn("consul at {}: TLS certificate verification is off (consul.tls.insecureSkipVerify): "
                    + "any server can pose as the agent", config.address());
        }
        return tls.sslContext();
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
