package dev.pilot.testservers;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * The life of a launcher's servers, one or a cluster's members, in the launcher's folder: start
 * the stopped ones, stop all at once, start, stop or kill one, find the leader, wipe the data,
 * close for good. Every {@link TestServer} runs its servers through one, and keeps only what is
 * its own (the command line that launches a server, its readiness probe, its leadership) in its
 * {@link ServerNode} subclass. Servers are numbered from 0 in the order given. Not thread-safe:
 * the launcher synchronizes.
 *
 * @param <N> the launcher's kind of server
 */
final class ServerGroup<N extends ServerNode> {

    private static final Duration LEADER_POLL_INTERVAL = Duration.ofMillis(50);

    private final String description;
    private final Path directory;
    private final List<N> nodes;
    private final Consumer<N> launcher;
    private final Duration readyDeadline;
    private final Duration stopDeadline;
    private boolean closed;

    /**
     * @param description   what messages call the whole, e.g. {@code "the etcd cluster"}
     * @param directory     the launcher's folder, deleted on {@link #close()}
     * @param launcher      starts one stopped server's process, without waiting
     * @param readyDeadline how long a started server may take to serve
     * @param stopDeadline  how long stopped servers may take to exit before they are SIGKILLed
     */
    ServerGroup(String description, Path directory, List<N> nodes, Consumer<N> launcher, Duration readyDeadline,
                Duration stopDeadline) {
        this.description = description;
        this.directory = directory;
        this.nodes = List.copyOf(nodes);
        this.launcher = launcher;
        this.readyDeadline = readyDeadline;
        this.stopDeadline = stopDeadline;
    }

    int size() {
        return nodes.size();
    }

    /** The client address of each server, in order. */
    List<String> addresses() {
        return nodes.stream().map(ServerNode::clientAddress).toList();
    }

    /** The client addresses of all servers, running or not, comma-separated. */
    String address() {
        return String.join(",", addresses());
    }

    N node(int index) {
        Objects.checkIndex(index, nodes.size());
        return nodes.get(index);
    }

    /**
     * Starts every stopped server with the data it has; returns once all serve. All are launched
     * before any is waited for: a cluster's member serves only once a quorum runs.
     */
    void start() {
        requireOpen();
        List<N> stopped = nodes.stream().filter(node -> !node.isRunning()).toList();
        stopped.forEach(launcher);
        stopped.forEach(node -> node.awaitServing(readyDeadline));
    }

    /** Starts server {@code index} again with its data, if it is stopped; returns once it serves. */
    void startNode(int index) {
        if (launchNode(index)) {
            node(index).awaitServing(readyDeadline);
        }
    }

    /** Launches server {@code index} again with its data, if it is stopped, and says whether it did; does not wait. */
    boolean launchNode(int index) {
        requireOpen();
        N node = node(index);
        if (node.isRunning()) {
            return false;
        }
        launcher.accept(node);
        return true;
    }

    /** Stops every running server at once, keeping their data; SIGKILLs those still running after the stop deadline. */
    void stop() {
        List<ServerProcess> running = nodes.stream().filter(ServerNode::isRunning).map(ServerNode::process).toList();
        ServerProcess.stopAll(running, stopDeadline);
        nodes.forEach(ServerNode::forgetProcess);
    }

    /** The index of the server that leads now, or -1 when none does. */
    int currentLeader() {
        return IntStream.range(0, nodes.size()).filter(i -> nodes.get(i).isRunning() && nodes.get(i).isLeader())
                .findFirst().orElse(-1);
    }

    /**
     * The index of the leader, waiting up to {@code within} for the running servers to have one.
     *
     * @throws org.awaitility.core.ConditionTimeoutException when no running server leads in time
     */
    int leader(Duration within) {
        return await("a leader among " + description + " " + address())
                .atMost(within)
                .pollDelay(Duration.ZERO)
                .pollInterval(LEADER_POLL_INTERVAL)
                .until(this::currentLeader, index -> index >= 0);
    }

    /** SIGKILLs the leader (waiting up to {@code within} for one), as a crash, and returns its index. */
    int killLeader(Duration within) {
        int leader = leader(within);
        node(leader).kill();
        return leader;
    }

    /** Deletes every server's data; all must be stopped. The next start is a new, empty cluster. */
    void wipeData() {
        nodes.forEach(ServerNode::wipeData);
    }

    /** Stops every server and deletes the folder. Calling it again does nothing. */
    void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        ServerFiles.deleteRecursively(directory);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException(description + " at " + address() + " is closed");
        }
    }
}
