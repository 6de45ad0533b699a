package dev.pilot.discovery.consul;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test certificates made with {@code openssl} in a folder of the test's own: certificate
 * authorities and the certificates they sign, as PEM files (keys as unencrypted PKCS#8).
 */
final class TestCertificates {

    /** A certificate and its key. */
    record Pair(Path cert, Path key) {}

    private final Path directory;

    TestCertificates(Path directory) {
        this.directory = directory;
    }

    /** A new self-signed certificate authority called {@code name}. */
    Pair authority(String name) {
        Pair ca = files(name);
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", ca.key().toString(), "-out", ca.cert().toString(), "-days", "2",
                "-subj", "/CN=" + name, "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        return ca;
    }

    /**
     * A certificate called {@code name} signed by {@code ca}, for servers and clients alike.
     *
     * @param subjectAltNames e.g. {@code IP:127.0.0.1,DNS:localhost}
     */
    Pair signed(Pair ca, String name, String subjectAltNames) {
        Pair leaf = files(name);
        Path request = directory.resolve(name + ".csr");
        Path extensions = directory.resolve(name + ".ext");
        write(extensions, "subjectAltName=" + subjectAltNames + "\nextendedKeyUsage=serverAuth,clientAuth\n");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", leaf.key().toString(), "-out", request.toString(), "-subj", "/CN=" + name);
        openssl("x509", "-req", "-in", request.toString(), "-CA", ca.cert().toString(), "-CAkey", ca.key().toString(),
                "-CAcreateserial", "-out", leaf.cert().toString(), "-days", "2", "-extfile", extensions.toString());
        return leaf;
    }

    private Pair files(String name) {
        return new Pair(directory.resolve(name + ".pem"), directory.resolve(name + "-key.pem"));
    }

    private void openssl(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("openssl.log").toFile()).start();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(directory.resolve("openssl.log")));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run openssl to make test certificates", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
