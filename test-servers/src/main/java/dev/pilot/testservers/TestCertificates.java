package dev.pilot.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and the certificates it issues, made with the JDK's own
 * {@code keytool} (no other tool needed) in a folder of the caller's, as PEM files: the CA
 * certificate ({@link #ca()}), and for each issued name its certificate and unencrypted PKCS#8
 * key ({@link Leaf}). Every certificate may serve and authenticate as a client (EKU serverAuth and
 * clientAuth); by default it names {@code 127.0.0.1} and {@code localhost}. Not thread-safe,
 * except {@link #shared()}.
 */
public final class TestCertificates {

    /** A certificate and its key, as PEM files. */
    public record Leaf(Path certFile, Path keyFile) {}

    /** What a certificate names unless the caller says otherwise. */
    public static final String LOOPBACK = "IP:127.0.0.1,DNS:localhost";

    private static final String PASSWORD = "pilot-test";
    /**
     * keytool is a JVM of its own: a quick-starting one, and a key store protected with a single
     * key-derivation round (it is throwaway), take it from ~2.4 s to ~0.7 s here.
     */
    private static final List<String> FAST_KEYTOOL = List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
            "-J-Dkeystore.pkcs12.keyPbeIterationCount=1", "-J-Dkeystore.pkcs12.macIterationCount=1");
    private static TestCertificates shared;

    private final Path folder;
    private final Map<String, Leaf> issued = new HashMap<>();

    private TestCertificates(Path folder) {
        this.folder = folder;
    }

    /** A new CA called {@code name}, its files in {@code folder} (created if missing). */
    public static TestCertificates authority(Path folder, String name) {
        TestCertificates certificates = new TestCertificates(ServerFiles.ensureDirectory(folder));
        certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12");
        certificates.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.pem");
        return certificates;
    }

    /** One CA of this JVM with a certificate {@code "server"} issued for the loopback, made on first use. */
    public static synchronized TestCertificates shared() {
        if (shared == null) {
            shared = authority(ServerFiles.createDirectory("certificates"), "pilot-test-ca");
            shared.issue("server");
        }
        return shared;
    }

    /** The CA certificate (PEM). */
    public Path ca() {
        return folder.resolve("ca.pem");
    }

    /** The certificate {@code name} for the loopback ({@value #LOOPBACK}); issued once, then the same. */
    public Leaf issue(String name) {
        return issue(name, LOOPBACK);
    }

    /**
     * The certificate {@code name}, issued once by this CA, then the same.
     *
     * @param subjectAltNames what it names, e.g. {@code "IP:127.0.0.1,DNS:localhost"} or {@code "DNS:elsewhere.test"}
     */
    public Leaf issue(String name, String subjectAltNames) {
        Leaf existing = issued.get(name);
        if (existing != null) {
            return existing;
        }
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store);
        keytool("-certreq", "-alias", name, "-keystore", store, "-file", name + ".csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", name + ".csr", "-outfile", name + ".pem",
                "-rfc", "-validity", "2", "-ext", "SAN=" + subjectAltNames, "-ext", "EKU=serverAuth,clientAuth",
                "-ext", "KU=digitalSignature");
        Path keyFile = ServerFiles.write(folder.resolve(name + "-key.pem"), pem("PRIVATE KEY", privateKey(store, name).getEncoded()));
        Leaf leaf = new Leaf(folder.resolve(name + ".pem"), keyFile);
        issued.put(name, leaf);
        return leaf;
    }

    /** One file with {@code name}'s key, certificate and the CA's: the PEM key store ZooKeeper's server reads. */
    public Path keyAndChain(String name) {
        Leaf leaf = issue(name);
        try {
            return ServerFiles.write(folder.resolve(name + "-key-and-chain.pem"),
                    Files.readString(leaf.keyFile()) + Files.readString(leaf.certFile()) + Files.readString(ca()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the files of " + name, e);
        }
    }

    /** A TLS context that trusts this CA and nothing else. */
    public SSLContext trustingContext() {
        try (InputStream in = Files.newInputStream(ca())) {
            Certificate certificate = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", certificate);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot trust " + ca(), e);
        }
    }

    private PrivateKey privateKey(String store, String alias) {
        try (InputStream in = Files.newInputStream(folder.resolve(store))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, PASSWORD.toCharArray());
            return (PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the key of " + alias, e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(FAST_KEYTOOL);
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
        try {
            Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run keytool " + args[0], e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
