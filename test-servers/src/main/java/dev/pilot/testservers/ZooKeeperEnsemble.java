package dev.pilot.testservers;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * as the standalone server's; a follower waits 5 s (10 ticks) for a silent leader.
 *
 * <p>Thread-safe.
 */
public final class ZooKeeperEnsemble implements TestServer {

    private static final int SIZE = 3;
    private static final Map<String, String> CONFIG = Map.of("tickTime", "500", "initLimit", "20", "syncLimit", "10");
    private static final Duration READY_DEADLINE = Duration.ofSeconds(60);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    private static final Duration LEADER_DEADLINE = Duration.ofSeconds(15);

    private final Path directory;
    private final List<ZooKeeperNode> nodes;
    private final List<String> ensembleLines;
    private boolean closed;

    private ZooKeeperEnsemble() {
        this.directory = ServerFiles.createDirectory("zookeeper-ensemble");
        this.nodes = IntStream.range(0, SIZE)
                .mapToObj(i -> new ZooKeeperNode("ZooKeeper server " + i, i + 1, directory.resolve("server" + i)))
                .toList();
        this.ensembleLines = nodes.stream().map(ZooKeeperNode::ensembleLine).toList();
    }

    /** Starts a three-server ensemble and returns once every server serves. */
    public static ZooKeeperEnsemble launch() {
        return TestServer.started(new ZooKeeperEnsemble());
    }

    /** The connect string of all servers, running or not: {@code 127.0.0.1:p0,127.0.0.1:p1,127.0.0.1:p2}. */
    @Override
    public String address() {
        return String.join(",", serverAddresses());
    }

    /** The client address of each server, in server order. */
    public List<String> serverAddresses() {
        return nodes.stream().map(ZooKeeperNode::clientAddress).toList();
    }

    /** How many servers the ensemble has: 3. */
    public int size() {
        return SIZE;
    }

    /** Whether server {@code index} runs. */
    public synchronized boolean isRunning(int index) {
        return node(index).isRunning();
    }

    /**
     * The id of server {@code index}'s process, e.g. to SIGSTOP it.
     *
     * @throws IllegalStateException when that server does not run
     */
    public synchronized long pid(int index) {
        return node(index).pid();
    }

    /**
     * The index of the current leader, waiting up to 15 s for the running servers to have one.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when no running server leads in time
     */
    public synchronized int leader() {
        return await("a leader among the running ZooKeeper servers " + address())
                .atMost(LEADER_DEADLINE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .until(this::currentLeader, Objects::nonNull);
    }

    /** SIGKILLs the current leader, as a crash, and returns its index. */
    public synchronized int killLeader() {
        int leader = leader();
        killServer(leader);
        return leader;
    }

    /** SIGKILLs server {@code index} at once, as a crash; its data stays for {@link #startServer}. */
    public synchronized void killServer(int index) {
        node(index).kill();
    }

    /** Starts server {@code index} again with its data; returns once it rejoined and serves. */
    public synchronized void startServer(int index) {
        if (closed) {
            throw new IllegalStateException("the ZooKeeper ensemble at " + address() + " is closed");
        }
        ZooKeeperNode node = node(index);
        if (!node.isRunning()) {
            launch(index);
            node.awaitServing(READY_DEADLINE);
        }
    }

    /** Starts every stopped server with the data it has; returns once all serve. */
    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the ZooKeeper ensemble at " + address() + " is closed");
        }
        // Launch all before waiting for any: a server serves only once a quorum runs.
        List<Integer> stopped = IntStream.range(0, SIZE).filter(i -> !nodes.get(i).isRunning()).boxed().toList();
        stopped.forEach(this::launch);
        stopped.forEach(i -> nodes.get(i).awaitServing(READY_DEADLINE));
    }

    /** Stops every server at once (SIGTERM, then SIGKILL after 5 s), keeping their data. */
    @Override
    public synchronized void stop() {
        List<ZooKeeperNode> running = nodes.stream().filter(ZooKeeperNode::isRunning).toList();
        ServerProcess.stopAll(running.stream().map(ZooKeeperNode::process).toList(), STOP_DEADLINE);
        nodes.forEach(ZooKeeperNode::forgetProcess);
    }

    /** Deletes every server's data; the ensemble must be stopped. The next start is a new, empty ensemble. */
    @Override
    public synchronized void wipeData() {
        nodes.forEach(ZooKeeperNode::wipeData);
    }

    /** Stops every server and deletes the ensemble's folder. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        ServerFiles.deleteRecursively(directory);
    }

    private void launch(int index) {
        nodes.get(index).launch(CONFIG, ensembleLines, ZooKeeperOptions.defaults(), "ensemble-" + index);
    }

    private Integer currentLeader() {
        return IntStream.range(0, SIZE)
                .filter(i -> nodes.get(i).isRunning() && nodes.get(i).mode().filter("leader"::equals).isPresent())
                .boxed()
                .findFirst()
                .orElse(null);
    }

    private ZooKeeperNode node(int index) {
        Objects.checkIndex(index, SIZE);
        return nodes.get(index);
    }

    @Override
    public String toString() {
        return "ZooKeeperEnsemble[" + address() + "]";
    }
}
