package dev.pilot.discovery.etcd;

import dev.pilot.testservers.ServerBinaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcd's own command-line client, for what a test does as an operator or as another program:
 * set up users and roles, write a key the way ContainerPilot 2 would, read back what Pilot wrote.
 */
final class Etcdctl {

    private final List<String> connection;

    private Etcdctl(List<String> connection) {
        this.connection = List.copyOf(connection);
    }

    /** A client of the plain-HTTP endpoints {@code addresses} ({@code host:port,…}). */
    static Etcdctl at(String addresses) {
        return new Etcdctl(List.of("--endpoints=" + addresses));
    }

    /** This client, authenticating as {@code user} with {@code password}. */
    Etcdctl as(String user, String password) {
        List<String> args = new ArrayList<>(connection);
        args.add("--user=" + user + ":" + password);
        return new Etcdctl(args);
    }

    /** This client, talking TLS with the given PEM files. */
    Etcdctl withTls(String caFile, String certFile, String keyFile) {
        List<String> args = new ArrayList<>(connection);
        args.addAll(List.of("--cacert=" + caFile, "--cert=" + certFile, "--key=" + keyFile));
        return new Etcdctl(args);
    }

    /**
     * Runs {@code etcdctl <connection> args…} and returns its output.
     *
     * @throws IllegalStateException when it exits with an error, with what it printed
     */
    String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ServerBinaries.etcdctl().toString());
        command.addAll(connection);
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("etcdctl " + String.join(" ", args) + " did not finish in 30 s");
            }
            String text = new String(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("etcdctl " + String.join(" ", args) + " failed (" + process.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("etcdctl " + String.join(" ", args), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Switches authentication on: a {@code root} user (etcd insists), and {@code user} whose role
     * may read and write every key under {@code prefix}.
     */
    void enableAuth(String rootPassword, String user, String password, String prefix) {
        run("user", "add", "root:" + rootPassword);
        run("user", "grant-role", "root", "root");
        run("role", "add", user + "-role");
        run("role", "grant-permission", user + "-role", "--prefix=true", "readwrite", prefix);
        run("user", "add", user + ":" + password);
        run("user", "grant-role", user, user + "-role");
        run("auth", "enable");
    }
}
