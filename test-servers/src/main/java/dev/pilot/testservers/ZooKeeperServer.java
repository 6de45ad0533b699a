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
 * data; {@code restart(true)} comes back empty. {@code stop()} sends SIGTERM and SIGKILLs after 5 s;
 * clients then get connection refused.
 *
 * <p>Being a process, it can be SIGKILLed ({@link #kill()}) and SIGSTOPped ({@link #freeze()}),
 * and a crash of the server is never a crash of the tests.
 *
 * <p>Start it once per test class and close it after, or through {@link ServerExtension}.
 * Thread-safe.
 */
public final class ZooKeeperServer extends SingleServerLauncher<ZooKeeperNode> {

    private static final String TICK_MILLIS = "500";
    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);

    private final Path directory;
    private final ZooKeeperNode node;
    private final ServerGroup<ZooKeeperNode> group;

    private ZooKeeperServer(ZooKeeperOptions options) {
        this.directory = ServerFiles.createDirectory("zookeeper");
        this.node = new ZooKeeperNode("ZooKeeper", 1, directory);
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tickTime", TICK_MILLIS);
        config.putAll(options.config());
        this.group = new ServerGroup<>("ZooKeeper", directory, List.of(node),
                n -> n.launch(config, List.of(), options, "standalone"), READY_DEADLINE, STOP_DEADLINE);
    }

    /** Starts a server and returns once it serves. */
    public static ZooKeeperServer launch() {
        return launch(ZooKeeperOptions.defaults());
    }

    /** Starts a server with {@code options} and returns once it serves. */
    public static ZooKeeperServer launch(ZooKeeperOptions options) {
        return TestServer.started(new ZooKeeperServer(options));
    }

    /** The client port. */
    public int port() {
        return node.clientPort();
    }

    /** The server's own folder: {@code zoo.cfg}, {@code data/} and {@code server.log} live here. */
    public Path directory() {
        return directory;
    }

    @Override
    ServerGroup<ZooKeeperNode> servers() {
        return group;
    }
}
