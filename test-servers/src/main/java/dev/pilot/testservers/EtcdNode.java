package dev.pilot.testservers;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One etcd member as a process: its ports (client, peer, metrics), picked once and kept across
 * restarts, and its data folder. {@link EtcdServer} runs one, {@link EtcdCluster} three.
 * Readiness and leadership are read from the plain-HTTP metrics listener, whatever TLS or
 * auth the client listener has. Not thread-safe: its owner synchronizes.
 */
final class EtcdNode extends ServerNode {

    private final String name;
    private final EtcdOptions options;
    private final List<String> tuningArgs;
    private final Path dataDirectory;
    private final Path log;
    private final int clientPort = FreePorts.pick();
    private final int peerPort = FreePorts.pick();
    private final int metricsPort = FreePorts.pick();

    /**
     * @param name      the member name, unique in its cluster
     * @param directory  the owner's folder: the node keeps {@code <name>.data/} and {@code <name>.log} there
     * @param tuningArgs the owner's defaults (timing), placed before the options' extra arguments,
     *                   which therefore override them
     */
    EtcdNode(String name, Path directory, EtcdOptions options, List<String> tuningArgs) {
        super("etcd " + name, directory.resolve(name + ".data"));
        this.name = name;
        this.options = options;
        this.tuningArgs = List.copyOf(tuningArgs);
        this.dataDirectory = directory.resolve(name + ".data");
        this.log = directory.resolve(name + ".log");
    }

    /** {@code 127.0.0.1:<client port>}. */
    @Override
    String clientAddress() {
        return "127.0.0.1:" + clientPort;
    }

    /** This member's entry in {@code --initial-cluster}: {@code name=http://127.0.0.1:<peer port>}. */
    String initialClusterEntry() {
        return name + "=" + peerUrl();
    }

    /** Starts the process (with the data folder it has, if any); does not wait. */
    void launch(Path binary, String initialCluster, String clusterToken) {
        startProcess(command(binary, initialCluster, clusterToken), log);
    }

    /** {@code GET /health} says {@code "health":"true"}: the member has a leader and serves. */
    @Override
    boolean serves() throws Exception {
        return ProbeHttp.get(metricsUri("/health")).contains("\"health\":\"true\"");
    }

    /** Whether this member says it is the leader; false when it does not answer. */
    @Override
    boolean isLeader() {
        if (!isRunning()) {
            return false;
        }
        try {
            return ProbeHttp.get(metricsUri("/metrics")).lines().anyMatch(line -> line.equals("etcd_server_is_leader 1"));
        } catch (Exception e) {
            return false;
        }
    }

    private URI metricsUri(String path) {
        return URI.create("http://127.0.0.1:" + metricsPort + path);
    }

    private String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    private List<String> command(Path binary, String initialCluster, String clusterToken) {
        String clientUrl = options.clientScheme() + "://" + clientAddress();
        List<String> args = new ArrayList<>(List.of(binary.toString(),
                "--name", name,
                "--data-dir", dataDirectory.toString(),
                "--listen-client-urls", clientUrl,
                "--advertise-client-urls", clientUrl,
                "--listen-peer-urls", peerUrl(),
                "--initial-advertise-peer-urls", peerUrl(),
                "--listen-metrics-urls", metricsUri("").toString(),
                "--initial-cluster", initialCluster,
                "--initial-cluster-token", clusterToken,
                "--initial-cluster-state", "new",
                "--logger", "zap",
                "--log-outputs", "stderr"));
        args.addAll(tuningArgs);
        args.addAll(options.extraArgs());
        return args;
    }
}
