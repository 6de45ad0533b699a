package dev.pilot.discovery.tck.servers;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingZooKeeperServer;

/**
 * A real three-server ZooKeeper 3.9 ensemble inside the test JVM (Curator's
 * {@code TestingCluster}), bound to 127.0.0.1, for failover tests: kill the leader or any server,
 * bring it back with its data. Servers are numbered 0 to {@link #size()}{@code - 1}; each keeps
 * its ports across restarts. Ready once every running server's {@code srvr} shows its mode.
 *
 * <p>After the leader is killed, the others elect a new one within about 1–2 s here; a client
 * retries its operation meanwhile (right after a leader dies, {@code srvr} may still answer before
 * writes succeed, so retry the operation itself rather than wait for a mode).
 *
 * <p>Needs {@code org.apache.curator:curator-test} on the test class path, like {@link ZooKeeperServer}.
 * Thread-safe.
 */
public final class ZooKeeperEnsemble implements TestServer {

    private static final int SIZE = 3;
    private static final Duration LEADER_DEADLINE = Duration.ofSeconds(15);

    private final Path directory;
    private final List<InstanceSpec> specs;
    private final TestingCluster cluster;
    private final List<TestingZooKeeperServer> servers;
    private final boolean[] running = new boolean[SIZE];
    private boolean closed;

    private ZooKeeperEnsemble() {
        ZooKeeperInProcess.prepareJvm();
        this.directory = ServerFiles.createDirectory("zookeeper-ensemble");
        this.specs = IntStream.range(0, SIZE)
                .mapToObj(i -> ZooKeeperInProcess.instanceSpec(directory.resolve("server" + i), i + 1, -1, Map.of()))
                .toList();
        this.cluster = new TestingCluster(specs);
        // TestingCluster keeps its servers in a map keyed by spec; order them as the specs.
        this.servers = specs.stream().map(this::serverOf).toList();
    }

    /** Starts a three-server ensemble and returns once every server serves. */
    public static ZooKeeperEnsemble launch() {
        ZooKeeperEnsemble ensemble = new ZooKeeperEnsemble();
        try {
            ensemble.startAll();
            return ensemble;
        } catch (RuntimeException e) {
            ensemble.close();
            throw e;
        }
    }

    /** The connect string of all servers, running or not: {@code 127.0.0.1:p0,127.0.0.1:p1,127.0.0.1:p2}. */
    @Override
    public String address() {
        return String.join(",", serverAddresses());
    }

    /** The client address of each server, in server order. */
    public List<String> serverAddresses() {
        return specs.stream().map(spec -> "127.0.0.1:" + spec.getPort()).toList();
    }

    /** How many servers the ensemble has: 3. */
    public int size() {
        return SIZE;
    }

    /** Whether server {@code index} runs. */
    public synchronized boolean isRunning(int index) {
        return running[Objects.checkIndex(index, SIZE)];
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

    /** Kills the current leader and returns its index. */
    public synchronized int killLeader() {
        int leader = leader();
        killServer(leader);
        return leader;
    }

    /** Kills server {@code index} (in process, a kill is a stop); its data stays for {@link #startServer}. */
    public synchronized void killServer(int index) {
        Objects.checkIndex(index, SIZE);
        if (running[index]) {
            servers.get(index).kill();
            running[index] = false;
        }
    }

    /** Starts server {@code index} again with its data; returns once it serves. */
    public synchronized void startServer(int index) {
        Objects.checkIndex(index, SIZE);
        if (closed) {
            throw new IllegalStateException("the ZooKeeper ensemble at " + address() + " is closed");
        }
        if (!running[index]) {
            launch(index);
            ZooKeeperInProcess.awaitServing(specs.get(index).getPort());
        }
    }

    /** Starts every stopped server with the data it has; returns once all serve. */
    @Override
    public synchronized void start() {
        startAll();
    }

    /** Stops every server, keeping their data. */
    @Override
    public synchronized void stop() {
        IntStream.range(0, SIZE).forEach(this::killServer);
    }

    /** Deletes every server's data; the ensemble must be stopped. */
    @Override
    public synchronized void wipeData() {
        for (int i = 0; i < SIZE; i++) {
            if (running[i]) {
                throw new IllegalStateException("ZooKeeper server " + i + " still runs: stop the ensemble before wiping its data");
            }
            ServerFiles.deleteContents(specs.get(i).getDataDirectory().toPath());
        }
    }

    /** Stops every server and deletes the ensemble's folder. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stop();
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the ZooKeeper ensemble at " + address(), e);
        } finally {
            closed = true;
            ServerFiles.deleteRecursively(directory);
        }
    }

    private synchronized void startAll() {
        if (closed) {
            throw new IllegalStateException("the ZooKeeper ensemble at " + address() + " is closed");
        }
        // Start all before waiting for any: a server serves only once a quorum runs.
        List<Integer> stopped = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            if (!running[i]) {
                launch(i);
                stopped.add(i);
            }
        }
        stopped.forEach(i -> ZooKeeperInProcess.awaitServing(specs.get(i).getPort()));
    }

    private void launch(int index) {
        try {
            servers.get(index).restart(); // Curator starts a never-started or killed server this way
        } catch (Exception e) {
            throw new IllegalStateException("cannot start ZooKeeper server " + index + " at " + serverAddresses().get(index), e);
        } finally {
            ZooKeeperInProcess.keepJvmAliveOnServerDeath();
        }
        running[index] = true;
    }

    private Integer currentLeader() {
        return IntStream.range(0, SIZE)
                .filter(i -> running[i] && ZooKeeperInProcess.mode(specs.get(i).getPort()).filter("leader"::equals).isPresent())
                .boxed()
                .findFirst()
                .orElse(null);
    }

    private TestingZooKeeperServer serverOf(InstanceSpec spec) {
        return cluster.getServers().stream()
                .filter(server -> server.getInstanceSpec().equals(spec))
                .findFirst()
                .orElseThrow();
    }

    @Override
    public String toString() {
        return "ZooKeeperEnsemble[" + address() + "]";
    }
}
