package dev.pilot.testservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One server of a launcher (a Consul agent, an etcd member, a ZooKeeper server): its ports,
 * picked once by the subclass and kept across restarts, its data folder and its process while it
 * runs. What is the same for every server lives here: starting the process, waiting until it
 * serves, stopping, killing, freezing it, wiping its data. The subclass knows its own command
 * line, its readiness probe and whether it leads. {@link ServerGroup} runs one or several. Not
 * thread-safe: its owner synchronizes.
 */
abstract class ServerNode {

    private final String name;
    private final Path dataDirectory;
    private ServerProcess process;

    /**
     * @param name          what messages call it, e.g. {@code "etcd n1"}
     * @param dataDirectory what {@link #wipeData()} deletes
     */
    ServerNode(String name, Path dataDirectory) {
        this.name = name;
        this.dataDirectory = dataDirectory;
    }

    /** {@code 127.0.0.1:<client port>}: what clients connect to. */
    abstract String clientAddress();

    /** Whether the server serves requests; a probe that throws counts as not yet. */
    abstract boolean serves() throws Exception;

    /** Whether this server says it leads its cluster; false when it does not run or does not answer. */
    boolean isLeader() {
        return false;
    }

    /** Starts {@code command} with its output appended to {@code log}; does not wait. */
    final void startProcess(List<String> command, Path log) {
        process = ServerProcess.launch(toString(), command, log);
    }

    /**
     * Waits until {@link #serves()}.
     *
     * @throws IllegalStateException when the process exits first or {@code deadline} passes;
     *         the process is killed then and the message holds the end of its log
     */
    final void awaitServing(Duration deadline) {
        process.awaitReady(this::serves, deadline);
    }

    final boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The running process, for stopping several servers at once; null when stopped. */
    final ServerProcess process() {
        return process;
    }

    /** Forgets a process that was stopped along with others ({@link ServerProcess#stopAll}). */
    final void forgetProcess() {
        process = null;
    }

    /** SIGTERM, then SIGKILL after {@code deadline}; the data stays. */
    final void stop(Duration deadline) {
        if (process != null) {
            process.stop(deadline);
            process = null;
        }
    }

    /** SIGKILL at once, as a crash; the data stays. */
    final void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    /** SIGSTOP: the server hangs, its sockets open. */
    final void freeze() {
        running().freeze();
    }

    /** SIGCONT: a frozen server runs again. */
    final void thaw() {
        running().thaw();
    }

    /** Deletes the data folder; the server must be stopped. */
    final void wipeData() {
        if (isRunning()) {
            throw new IllegalStateException(this + " still runs: stop it before wiping its data");
        }
        ServerFiles.deleteRecursively(dataDirectory);
    }

    private ServerProcess running() {
        if (!isRunning()) {
            throw new IllegalStateException(this + " does not run");
        }
        return process;
    }

    /** {@code <name> at 127.0.0.1:<client port>}. */
    @Override
    public final String toString() {
        return name + " at " + clientAddress();
    }
}
