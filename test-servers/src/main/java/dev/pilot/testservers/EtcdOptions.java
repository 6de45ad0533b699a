package dev.pilot.testservers;

import java.util.List;

/**
 * How to start an {@link EtcdServer} or {@link EtcdCluster} beyond plain HTTP without auth.
 * Start from {@link #defaults()} and change it with the {@code with…} methods.
 *
 * <p>Example, TLS with client certificates:
 * <pre>{@code
 * EtcdServer.launch(EtcdOptions.defaults().withHttps().withExtraArgs(
 *     "--cert-file", server.crt, "--key-file", server.key,
 *     "--trusted-ca-file", ca.crt, "--client-cert-auth"));
 * }</pre>
 * The launchers' readiness and leader probes use a separate plain-HTTP metrics listener
 * ({@code --listen-metrics-urls}), so they need no credentials whatever these options ask for.
 *
 * @param https     whether the client URLs are {@code https://} (the TLS flags go in {@code extraArgs});
 *                  peers always talk plain HTTP on loopback
 * @param extraArgs arguments appended to every node's {@code etcd} command line
 */
public record EtcdOptions(boolean https, List<String> extraArgs) {

    /** Copies the arguments. */
    public EtcdOptions {
        extraArgs = List.copyOf(extraArgs);
    }

    /** Plain HTTP client URLs, no extra arguments. */
    public static EtcdOptions defaults() {
        return new EtcdOptions(false, List.of());
    }

    /** These options with {@code https://} client URLs. */
    public EtcdOptions withHttps() {
        return new EtcdOptions(true, extraArgs);
    }

    /** These options with {@code args} appended to each node's command line. */
    public EtcdOptions withExtraArgs(String... args) {
        return new EtcdOptions(https, List.of(args));
    }

    String clientScheme() {
        return https ? "https" : "http";
    }
}
