package dev.pilot.discovery.etcd;

import dev.pilot.discovery.spi.Threads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and the PEM files a TLS test needs, made with the JDK's
 * {@code keytool}: the CA certificate, a server and a client certificate for 127.0.0.1 and
 * localhost (each good for both roles, as etcd's own gateway dials its server with the server
 * certificate), each with an unencrypted PKCS#8 key. Independent keytool runs go in parallel.
 */
final class TestCertificates {

    private static final String STORE_PASSWORD = "test-only";

    /** A certificate and its key, as PEM files. */
    record Leaf(Path certFile, Path keyFile) {}

    /** The CA certificate. */
    final Path caFile;
    final Leaf server;
    final Leaf client;

    private TestCertificates(Path caFile, Leaf server, Leaf client) {
        this.caFile = caFile;
        this.server = server;
        this.client = client;
    }

    /** Makes a CA and a server and a client certificate from it in {@code directory}. */
    static TestCertificates create(Path directory) {
        Path caStore = directory.resolve("ca.p12");
        parallel(
                () -> keytool("-genkeypair", "-keystore", caStore.toString(), "-alias", "ca", "-keyalg", "EC",
                        "-groupname", "secp256r1", "-dname", "CN=pilot-test-ca", "-ext", "bc:c", "-validity", "2"),
                () -> newKeyPair(directory, "server"),
                () -> newKeyPair(directory, "client"));
        Path caFile = directory.resolve("ca.pem");
        parallel(
                () -> keytool("-exportcert", "-keystore", caStore.toString(), "-alias", "ca", "-rfc", "-file", caFile.toString()),
                () -> sign(directory, caStore, "server"),
                () -> sign(directory, caStore, "client"));
        return new TestCertificates(caFile, leaf(directory, "server"), leaf(directory, "client"));
    }

    /** A self-signed CA certificate that nothing was issued by: trusting it trusts no real server. */
    static Path strangerCa(Path directory) {
        Path store = directory.resolve("stranger.p12");
        Path pem = directory.resolve("stranger.pem");
        keytool("-genkeypair", "-keystore", store.toString(), "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=stranger-ca", "-ext", "bc:c", "-validity", "2");
        keytool("-exportcert", "-keystore", store.toString(), "-alias", "stranger", "-rfc", "-file", pem.toString());
        return pem;
    }

    private static void newKeyPair(Path directory, String name) {
        keytool("-genkeypair", "-keystore", directory.resolve(name + ".p12").toString(), "-alias", name, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + name, "-validity", "2");
    }

    private static void sign(Path directory, Path caStore, String name) {
        Path request = directory.resolve(name + ".csr");
        keytool("-certreq", "-keystore", directory.resolve(name + ".p12").toString(), "-alias", name, "-file", request.toString());
        keytool("-gencert", "-keystore", caStore.toString(), "-alias", "ca", "-infile", request.toString(),
                "-outfile", directory.resolve(name + ".pem").toString(), "-rfc", "-validity", "2",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth,clientAuth", "-ext", "ku=digitalSignature");
    }

    private static Leaf leaf(Path directory, String name) {
        Path keyFile = directory.resolve(name + "-key.pem");
        try (InputStream in = Files.newInputStream(directory.resolve(name + ".p12"))) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            Key key = keys.getKey(name, STORE_PASSWORD.toCharArray());
            Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n");
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not export the key of " + name, e);
        }
        return new Leaf(directory.resolve(name + ".pem"), keyFile);
    }

    private static void parallel(Runnable... steps) {
        ExecutorService threads = Threads.perTaskExecutor("pilot-test-certificates-");
        try {
            List<Future<?>> running = Arrays.stream(steps).<Future<?>>map(threads::submit).toList();
            for (Future<?> step : running) {
                step.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            Threads.close(threads);
        }
    }

    private static void keytool(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-noprompt"));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("keytool " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
