package dev.pilot.agent;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.Security;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * What the JDK's TLS implementation supports: its protocols and cipher suites, which ZooKeeper's
 * client asks of the default context in a static initializer reached from every client
 * configuration, plain or TLS ({@link LazyDefaultTls}).
 *
 * <p>Asking the JDK initialises its TLS implementation and every cryptographic provider behind it
 * (each cipher suite is checked against the algorithms the providers offer): nearly 500 classes,
 * which the AOT cache of an agent on ZooKeeper then holds and loads at every start (the agent's
 * README has what leaving them out saved, measured by hand on the tarball). So on the runtime
 * the tarball bundles (Java {@value #FEATURE}, with its own {@code jdk.tls.disabledAlgorithms})
 * the answer is the copy below, which {@code SupportedTlsTest} holds to the JDK's own answer on
 * the JDK that builds and bundles the agent; on any other Java, or where the disabled algorithms
 * were changed (a {@code java.security} file of one's own), the JDK is asked, as before.
 */
record SupportedTls(List<String> protocols, List<String> cipherSuites) {

    /** The Java release the copy was taken from. */
    static final int FEATURE = 25;

    /** That release's {@code jdk.tls.disabledAlgorithms}: what it leaves out of the cipher suites. */
    static final String DISABLED_ALGORITHMS = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, "
            + "EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH, TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature, "
            + "ecdsa_sha1 usage HandshakeSignature, dsa_sha1 usage HandshakeSignature";

    static final SupportedTls COPY = new SupportedTls(
            List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello"),
            List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
                    "TLS_DHE_DSS_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
                    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA256", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
                    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
                    "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
                    "TLS_DHE_DSS_WITH_AES_256_CBC_SHA", "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
                    "TLS_DHE_DSS_WITH_AES_128_CBC_SHA", "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));

    SupportedTls {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
    }

    /** The copy where it describes this runtime, else the JDK's own answer. */
    static SupportedTls ofThisRuntime() {
        return copyApplies(Runtime.version().feature(), Security.getProperty("jdk.tls.disabledAlgorithms"))
                ? COPY : askTheJdk();
    }

    /** Whether {@link #COPY} is this runtime's answer: the release it was taken from, with that release's disabled algorithms. */
    static boolean copyApplies(int feature, String disabledAlgorithms) {
        return feature == FEATURE && DISABLED_ALGORITHMS.equals(disabledAlgorithms);
    }

    /** The JDK's answer, from {@link #describingContext()}. */
    static SupportedTls askTheJdk() {
        SSLParameters supported = describingContext().getSupportedSSLParameters();
        return new SupportedTls(List.of(supported.getProtocols()), List.of(supported.getCipherSuites()));
    }

    /** A TLS context without key or trust material: it can describe TLS, never make a connection. */
    static SSLContext describingContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (NoSuchAlgorithmException | KeyManagementException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    /** As {@link SSLContext#getSupportedSSLParameters()}: a new object each time, which the caller may change. */
    SSLParameters parameters() {
        return new SSLParameters(cipherSuites.toArray(String[]::new), protocols.toArray(String[]::new));
    }
}
