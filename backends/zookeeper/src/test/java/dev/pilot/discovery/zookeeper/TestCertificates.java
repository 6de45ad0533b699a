package dev.pilot.discovery.zookeeper;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away CA and certificates signed by it, made with the JDK's {@code keytool} (no other
 * tool needed), written as PEM files: {@code ca.pem}, and for each name {@code NAME.pem} (the
 * certificate chain), {@code NAME-key.pem} (its PKCS#8 key). Every certificate names
 * {@code 127.0.0.1} and {@code localhost}, and may serve and authenticate as a client.
 */
final class TestCertificates {

    private static final String PASSWORD = "test-store-password";

    private final Path folder;

    private TestCertificates(Path folder) {
        this.folder = folder;
    }

    /** A new CA in {@code folder}. */
    static TestCertificates authority(Path folder, String name) throws Exception {
        TestCertificates certificates = new TestCertificates(folder);
        certificates.keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12",
                "-storepass", PASSWORD);
        certificates.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD,
                "-file", "ca.pem");
        return certificates;
    }

    /** The CA certificate. */
    Path ca() {
        return folder.resolve("ca.pem");
    }

    /** Issues a certificate for {@code name}; returns its chain file ({@code NAME-key.pem} holds the key). */
    Path issue(String name) throws Exception {
        String store = name + ".p12";
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store, "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-certreq", "-alias", name, "-keystore", store, "-storepass", PASSWORD, "-file", name + ".csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass", PASSWORD, "-infile", name + ".csr",
                "-outfile", name + "-cert.pem", "-rfc", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-ext", "EKU=serverAuth,clientAuth");
        Path chain = folder.resolve(name + ".pem");
        Files.writeString(chain, Files.readString(folder.resolve(name + "-cert.pem")) + Files.readString(ca()));
        Files.writeString(key(name), pem(privateKey(store, name)));
        return chain;
    }

    /** The key of {@code name}'s certificate. */
    Path key(String name) {
        return folder.resolve(name + "-key.pem");
    }

    /** One file with the key and the chain, as ZooKeeper's server reads a PEM key store. */
    Path keyAndChain(String name) throws Exception {
        Path joined = folder.resolve(name + "-key-and-chain.pem");
        Files.writeString(joined, Files.readString(key(name)) + Files.readString(folder.resolve(name + ".pem")));
        return joined;
    }

    private PrivateKey privateKey(String store, String alias) throws Exception {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(folder.resolve(store))) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
        return (PrivateKey) keyStore.getKey(alias, PASSWORD.toCharArray());
    }

    private static String pem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
