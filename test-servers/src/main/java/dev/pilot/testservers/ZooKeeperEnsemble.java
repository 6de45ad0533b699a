package dev.pilot.testservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A real three-server ZooKeeper 3.9 ensemble on 127.0.0.1, each server a process of its own
 * ({@code QuorumPeerMain}, as {@link ZooKeeperServer}), for failover tests: SIGKILL the leader or
 * any server, bring it back with its data. Servers are numbered 0 to {@link #size()}{@code - 1};
 * each keeps its ports across restarts. Ready once every running server's {@code srvr} shows its mode.
 *
 * <p>After the leader is killed, the others elect a new one within about 1–2 s here; a client
 * retries its operation meanwhile (right after a leader dies, {@code srvr} may still answer before
 * writes succeed, so retry the operation itself rather than wait for a mode). The tick is 500 ms,
 * as the standalone server's; a follower waits 5 s (10 ticks) for a silent leader. Stopping the
 * ensemble sends SIGTERM to every server and SIGKILLs those still running after 5 s.
 *
 * <p>Thread-safe.
 */
public final class ZooKeeperEnsemble extends ServerLauncher<ZooKeeperNode> {

    private static final int SIZE = 3;
    private static final Map<String, String> CONFIG = Map.of("tickTime", "500", "initLimit", "20", "syncLimit", "10");
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    private static final Duration LEADER_DEADLINE = Duration.ofSeconds(15);

    private final ServerGroup<ZooKeeperNode> servers;

    private ZooKeeperEnsemble() {
        Path directory = ServerFiles.createDirectory("zookeeper-ensemble");
        List<ZooKeeperNode> members = IntStream.range(0, SIZE)
                .mapToObj(i -> new ZooKeeperNode("ZooKeeper server " + i, i + 1, directory.resolve("server" + i)))
                .toList();
        List<String> ensembleLines = members.stream().map(ZooKeeperNode::ensembleLine).toList();
        // Each server its own class-data archive: no two JVMs write one at once.
        this.servers = new ServerGroup<>("the ZooKeeper ensemble", directory, members,
                node -> node.launch(CONFIG, ensembleLines, ZooKeeperOptions.defaults(), "ensemble-" + members.indexOf(node)),
                READY_DEADLINE, STOP_DEADLINE);
    }

    /** Starts a three-server ensemble and returns once every server serves. */
    public static ZooKeeperEnsemble launch() {
        return TestServer.started(new ZooKeeperEnsemble());
    }

    /** The client address of each server, in server order. */
    public List<String> serverAddresses() {
        return servers.addresses();
    }

    /** How many servers the ensemble has: 3. */
    public int size() {
        return servers.size();
    }

    /** Whether server {@code index} runs. */
    public synchronized boolean isRunning(int index) {
        return servers.node(index).isRunning();
    }

    /**
     * The index of the current leader, waiting up to 15 s for the running servers to have one.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when no running server leads in time
     */
    public synchronized int leader() {
        return servers.leader(LEADER_DEADLINE);
    }

    /** SIGKILLs the current leader, as a crash, and returns its index. */
    public synchronized int killLeader() {
        return servers.killLeader(LEADER_DEADLINE);
    }

    /** SIGKILLs server {@code index} at once, as a crash; its data stays for {@link #startServer}. */
    public synchronized void killServer(int index) {
        servers.node(index).kill();
    }

    /** Starts server {@code index} again with its data; returns once it rejoined and serves. */
    public synchronized void startServer(int index) {
        servers.startNode(index);
    }

    @Override
    ServerGroup<ZooKeeperNode> servers() {
        return servers;
    }
}
