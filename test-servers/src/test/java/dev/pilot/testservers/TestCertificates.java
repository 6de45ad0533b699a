package dev.pilot.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway self-signed server certificate for {@code localhost} and {@code 127.0.0.1}, made
 * once per test JVM with the JDK's own {@code keytool}, as PEM files a server reads and an
 * {@link SSLContext} that trusts exactly that certificate. Enough to prove a launcher's HTTPS
 * options; tests of client certificates need a certificate authority of their own.
 *
 * @param certificate   the server certificate (PEM)
 * @param privateKey    the server's private key (PKCS#8 PEM)
 * @param clientContext trusts the certificate, nothing else
 */
record TestCertificates(Path certificate, Path privateKey, SSLContext clientContext) {

    private static final String PASSWORD = "pilot-test";
    /**
     * keytool is a JVM of its own: a quick-starting one, and a key store protected with a single
     * key-derivation round (it is throwaway), take it from ~2.4 s to ~0.7 s here.
     */
    private static final List<String> FAST_KEYTOOL = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Dkeystore.pkcs12.keyPbeIterationCount=1", "-J-Dkeystore.pkcs12.macIterationCount=1");
    private static TestCertificates shared;

    /** The certificate of this test JVM, made on first use. */
    static synchronized TestCertificates shared() {
        if (shared == null) {
            shared = create(ServerFiles.createDirectory("certificate"));
        }
        return shared;
    }

    private static TestCertificates create(Path directory) {
        try {
            Path keyStore = directory.resolve("server.p12");
            keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=localhost", "-validity", "2", "-keystore", keyStore.toString(),
                    "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth",
                    "-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt");
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                store.load(in, PASSWORD.toCharArray());
            }
            Certificate certificate = store.getCertificate("server");
            PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
            return new TestCertificates(
                    ServerFiles.write(directory.resolve("server.pem"), pem("CERTIFICATE", certificate.getEncoded())),
                    ServerFiles.write(directory.resolve("server-key.pem"), pem("PRIVATE KEY", key.getEncoded())),
                    trusting(certificate));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a test certificate in " + directory, e);
        }
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(FAST_KEYTOOL);
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static SSLContext trusting(Certificate certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
