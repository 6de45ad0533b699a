package dev.pilot.discovery.tck.servers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and a server certificate for {@code localhost} and
 * {@code 127.0.0.1}, made once per test JVM with the JDK's own {@code keytool}, as PEM files the
 * servers read and an {@link SSLContext} that trusts the authority.
 *
 * @param caCertificate     the authority's certificate (PEM)
 * @param serverCertificate the server certificate signed by it (PEM)
 * @param serverKey         the server's private key (PKCS#8 PEM)
 * @param clientContext     trusts the authority, nothing else
 */
record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey, SSLContext clientContext) {

    private static final String PASSWORD = "pilot-test";
    /**
     * keytool is a JVM of its own per call: a quick-starting one, and key stores protected with a
     * single key-derivation round (they are throwaway), take each call from ~2.4 s to ~0.7 s here.
     */
    private static final List<String> FAST_KEYTOOL = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Dkeystore.pkcs12.keyPbeIterationCount=1", "-J-Dkeystore.pkcs12.macIterationCount=1");
    private static TestCertificates shared;

    /** The certificates of this test JVM, made on first use. */
    static synchronized TestCertificates shared() {
        if (shared == null) {
            shared = create(ServerFiles.createDirectory("certificates"));
        }
        return shared;
    }

    private static TestCertificates create(Path directory) {
        try {
            Path ca = directory.resolve("ca.p12");
            Path server = directory.resolve("server.p12");
            keytool(directory, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=Pilot test CA", "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString());
            keytool(directory, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-validity", "2", "-keystore", server.toString());
            keytool(directory, "-certreq", "-alias", "server", "-keystore", server.toString(), "-file", "server.csr");
            keytool(directory, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", "server.csr",
                    "-outfile", "server.pem", "-rfc", "-validity", "2",
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth");
            keytool(directory, "-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-rfc", "-file", "ca.pem");
            Path caPem = directory.resolve("ca.pem");
            Path keyPem = ServerFiles.write(directory.resolve("server-key.pem"), privateKeyPem(server));
            return new TestCertificates(caPem, directory.resolve("server.pem"), keyPem, trusting(caPem));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make test certificates in " + directory, e);
        }
    }

    private static void keytool(Path directory, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(FAST_KEYTOOL);
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static String privateKeyPem(Path keyStore) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
