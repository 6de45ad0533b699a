package dev.pilot.discovery;

import dev.pilot.discovery.spi.ConfigMap;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS settings every backend accepts under its {@code tls} key, in the PEM files that
 * Consul, etcd and ZooKeeper deployments already have:
 * <pre>{@code "tls": {"caFile": "/ca.pem", "certFile": "/client.pem", "keyFile": "/client-key.pem"}}</pre>
 *
 * @param caFile             PEM certificates to trust; absent means the JDK's default trust store
 * @param certFile           PEM client certificate chain, for servers that verify clients
 * @param keyFile            PEM PKCS#8 private key of {@code certFile}
 * @param insecureSkipVerify trust any server certificate for any host name (tests only; logged by backends)
 */
public record TlsOptions(Path caFile, Path certFile, Path keyFile, boolean insecureSkipVerify) {

    private static final Pattern PEM_KEY = Pattern.compile(
            "-----BEGIN ([A-Z ]*)PRIVATE KEY-----([^-]+)-----END \\1PRIVATE KEY-----");

    public TlsOptions {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls: certFile and keyFile go together; got only "
                    + (certFile == null ? "keyFile" : "certFile"));
        }
    }

    /**
     * Reads the {@code tls} block of {@code config}, if present. The files must exist.
     *
     * @throws ConfigException naming the key of a bad value or missing file
     */
    public static Optional<TlsOptions> from(ConfigMap config) {
        Optional<ConfigMap> block = config.map("tls");
        if (block.isEmpty()) {
            return Optional.empty();
        }
        ConfigMap tls = block.get().allowOnly("caFile", "certFile", "keyFile", "insecureSkipVerify");
        Path ca = file(tls, "caFile");
        Path cert = file(tls, "certFile");
        Path key = file(tls, "keyFile");
        if ((cert == null) != (key == null)) {
            String missing = cert == null ? "certFile" : "keyFile";
            throw new ConfigException(tls.path(missing), "expected a PEM file path, since "
                    + (cert == null ? "keyFile" : "certFile") + " is set; got nothing");
        }
        TlsOptions options = new TlsOptions(ca, cert, key, tls.bool("insecureSkipVerify", false));
        try {
            options.sslContext(); // fail at configuration time, naming the full key path
        } catch (ConfigException e) {
            String detail = e.getMessage().substring(e.key().length() + 2);
            throw new ConfigException(config.path(e.key()), detail);
        }
        return Optional.of(options);
    }

    private static Path file(ConfigMap tls, String key) {
        Optional<String> value = tls.string(key);
        if (value.isEmpty()) {
            return null;
        }
        Path path = Path.of(value.get());
        if (!Files.isReadable(path)) {
            throw new ConfigException(tls.path(key), "expected a readable PEM file, got \"" + value.get() + "\" (not found or not readable)");
        }
        return path;
    }

    /**
     * Builds the {@link SSLContext} these options describe.
     *
     * @throws ConfigException when a file does not hold what its key promises
     */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(certFile == null ? null : keyManagers(), trustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new ConfigException("tls", "could not set up TLS: " + e.getMessage());
        }
    }

    private TrustManager[] trustManagers() throws GeneralSecurityException {
        if (insecureSkipVerify) {
            return new TrustManager[] {new TrustEverything()};
        }
        if (caFile == null) {
            return null;
        }
        KeyStore store = emptyStore();
        int i = 0;
        for (Certificate cert : certificates("tls.caFile", caFile)) {
            store.setCertificateEntry("ca-" + i++, cert);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory.getTrustManagers();
    }

    private javax.net.ssl.KeyManager[] keyManagers() throws GeneralSecurityException {
        Collection<? extends Certificate> chain = certificates("tls.certFile", certFile);
        KeyStore store = emptyStore();
        char[] password = new char[0];
        store.setKeyEntry("client", privateKey(), password, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    private static Collection<? extends Certificate> certificates(String key, Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new ConfigException(key, "expected PEM certificates in \"" + file + "\", found none");
            }
            return certs;
        } catch (java.security.cert.CertificateException e) {
            throw new ConfigException(key, "expected PEM certificates in \"" + file + "\": " + e.getMessage());
        } catch (IOException e) {
            throw new ConfigException(key, "could not read \"" + file + "\": " + e.getMessage());
        }
    }

    private PrivateKey privateKey() {
        String pem;
        try {
            pem = Files.readString(keyFile);
        } catch (IOException e) {
            throw new ConfigException("tls.keyFile", "could not read \"" + keyFile + "\": " + e.getMessage());
        }
        Matcher matcher = PEM_KEY.matcher(pem);
        if (!matcher.find() || !matcher.group(1).isEmpty()) {
            throw new ConfigException("tls.keyFile", "expected an unencrypted PKCS#8 key (\"BEGIN PRIVATE KEY\") in \""
                    + keyFile + "\"; convert with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(2));
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException tryNext) {
                // the PKCS#8 body names its algorithm, but the JDK needs the right factory
            }
        }
        throw new ConfigException("tls.keyFile", "expected an RSA, EC or Ed25519 key in \"" + keyFile + "\"");
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return store;
    }

    /**
     * For {@code insecureSkipVerify}: accepts every certificate and skips the host-name check, as
     * Go's option of that name does. It must be an {@link X509ExtendedTrustManager}: the JDK wraps
     * a plain {@code X509TrustManager} in one that still checks the host name (which the JDK's
     * HTTP client always asks for), so a certificate for another host would fail regardless.
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
