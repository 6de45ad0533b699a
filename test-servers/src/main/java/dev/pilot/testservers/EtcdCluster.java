package dev.pilot.testservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A real three-node etcd cluster on 127.0.0.1, for failover tests: kill the leader or any node,
 * bring it back with its data. Nodes are numbered 0 to {@link #size()}{@code - 1}; each keeps its
 * ports across restarts. Ready once every running node says {@code "health":"true"}.
 *
 * <p>After the leader is SIGKILLed, writes through a client that knows every endpoint succeed
 * again after about 1–2.5 s here (a new election), so a test retries the write. Stopping the whole
 * cluster sends SIGTERM to all nodes and SIGKILLs those still running after 1 s: the followers
 * exit at once, but the leader tries to hand its leadership to a follower that is itself
 * stopping and gives up only after 7 s. etcd's write-ahead log keeps committed data either way.
 *
 * <p>A missing binary skips the test, or fails it under {@code CI=true}: see {@link ServerBinaries}.
 * Thread-safe.
 */
public final class EtcdCluster extends ServerLauncher<EtcdNode> {

    private static final int SIZE = 3;
    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(1);
    private static final Duration NODE_STOP_DEADLINE = Duration.ofSeconds(3);
    private static final Duration LEADER_DEADLINE = Duration.ofSeconds(15);

    private final ServerGroup<EtcdNode> nodes;

    private EtcdCluster(Path binary, EtcdOptions options) {
        Path directory = ServerFiles.createDirectory("etcd-cluster");
        List<EtcdNode> members = IntStream.range(0, SIZE).mapToObj(i -> new EtcdNode("n" + i, directory, options, List.of())).toList();
        String initialCluster = String.join(",", members.stream().map(EtcdNode::initialClusterEntry).toList());
        String clusterToken = "pilot-etcd-cluster-" + directory.getFileName();
        this.nodes = new ServerGroup<>("the etcd cluster", directory, members,
                node -> node.launch(binary, initialCluster, clusterToken), READY_DEADLINE, STOP_DEADLINE);
    }

    /** Starts a plain-HTTP three-node cluster and returns once every node serves. */
    public static EtcdCluster launch() {
        return launch(EtcdOptions.defaults());
    }

    /** Starts a three-node cluster with {@code options} on each node; returns once every node serves. */
    public static EtcdCluster launch(EtcdOptions options) {
        return TestServer.started(new EtcdCluster(ServerBinaries.etcd(), options));
    }

    /** The client address of each node, in node order. */
    public List<String> nodeAddresses() {
        return nodes.addresses();
    }

    /** How many nodes the cluster has: 3. */
    public int size() {
        return nodes.size();
    }

    /** Whether node {@code index} runs. */
    public synchronized boolean isRunning(int index) {
        return nodes.node(index).isRunning();
    }

    /**
     * The index of the current leader, waiting up to 15 s for the running nodes to have one.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when no running node leads in time
     */
    public synchronized int leader() {
        return nodes.leader(LEADER_DEADLINE);
    }

    /** SIGKILLs the current leader, as a crash, and returns its index. */
    public synchronized int killLeader() {
        return nodes.killLeader(LEADER_DEADLINE);
    }

    /** SIGKILLs node {@code index} at once, as a crash; its data stays for {@link #startNode}. */
    public synchronized void killNode(int index) {
        nodes.node(index).kill();
    }

    /**
     * Stops node {@code index} (SIGTERM, then SIGKILL after 3 s), keeping its data. A leader first
     * hands its leadership to a running follower.
     */
    public synchronized void stopNode(int index) {
        nodes.node(index).stop(NODE_STOP_DEADLINE);
    }

    /** Starts node {@code index} again with its data; returns once it rejoined and serves. */
    public synchronized void startNode(int index) {
        nodes.startNode(index);
    }

    @Override
    ServerGroup<EtcdNode> servers() {
        return nodes;
    }
}
