package dev.pilot.testservers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real standalone ZooKeeper 3.9 server as a process of its own ({@code QuorumPeerMain} on the
 * Java that runs the tests; see {@link ZooKeeperJvm}), bound to 127.0.0.1 on a port picked free
 * and kept across restarts, with its data in a temporary folder and a 500 ms tick (so sessions
 * may be as short as 1 s and as long as 10 s, unless the options set {@code maxSessionTimeout}).
 * Ready once the {@code srvr} four-letter word shows its mode. {@code restart(false)} keeps the
 * data; {@code restart(true)} comes back empty.
 *
 * <p>Being a process, it can be SIGKILLed ({@link #kill()}) and SIGSTOPped (signal {@link #pid()}),
 * and a crash of the server is never a crash of the tests.
 *
 * <p>Start it once per test class and close it after, or through {@link ServerExtension}.
 * Thread-safe.
 */
public final class ZooKeeperServer implements TestServer {

    private static final String TICK_MILLIS = "500";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);

    private final ZooKeeperOptions options;
    private final Path directory;
    private final ZooKeeperNode node;
    private boolean closed;

    private ZooKeeperServer(ZooKeeperOptions options) {
        this.options = options;
        this.directory = ServerFiles.createDirectory("zookeeper");
        this.node = new ZooKeeperNode("ZooKeeper", 1, directory);
    }

    /** Starts a server and returns once it serves. */
    public static ZooKeeperServer launch() {
        return launch(ZooKeeperOptions.defaults());
    }

    /** Starts a server with {@code options} and returns once it serves. */
    public static ZooKeeperServer launch(ZooKeeperOptions options) {
        return TestServer.started(new ZooKeeperServer(options));
    }

    /** {@code 127.0.0.1:port}, a ZooKeeper connect string. */
    @Override
    public String address() {
        return node.clientAddress();
    }

    /** The client port. */
    public int port() {
        return node.clientPort();
    }

    /** The server's own folder: {@code zoo.cfg}, {@code data/} and {@code server.log} live here. */
    public Path directory() {
        return directory;
    }

    /**
     * The id of the server's process, e.g. to SIGSTOP it.
     *
     * @throws IllegalStateException when the server does not run
     */
    public synchronized long pid() {
        return node.pid();
    }

    /** Starts the server if it is stopped, with the data it has; returns once it serves. */
    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("ZooKeeper at " + address() + " is closed");
        }
        if (node.isRunning()) {
            return;
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tickTime", TICK_MILLIS);
        config.putAll(options.config());
        node.launch(config, List.of(), options, "standalone");
        node.awaitServing(READY_DEADLINE);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s), keeping its data; clients get connection refused. */
    @Override
    public synchronized void stop() {
        node.stop(STOP_DEADLINE);
    }

    /** SIGKILLs the server at once, as a crash; its data stays for {@link #start()}. */
    public synchronized void kill() {
        node.kill();
    }

    /** Deletes the data of the stopped server. */
    @Override
    public synchronized void wipeData() {
        node.wipeData();
    }

    /** Stops the server and deletes its folder. Calling it again does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        ServerFiles.deleteRecursively(directory);
    }

    @Override
    public String toString() {
        return "ZooKeeperServer[" + address() + "]";
    }
}
