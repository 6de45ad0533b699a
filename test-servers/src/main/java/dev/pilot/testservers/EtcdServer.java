package dev.pilot.testservers;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real single-node etcd on 127.0.0.1, its ports picked free and kept across restarts, its data
 * in a temporary folder. Ready once {@code GET /health} says {@code "health":"true"}.
 * {@code restart(false)} keeps the data; {@code restart(true)} comes back empty (a new cluster).
 * {@code stop()} sends SIGTERM and SIGKILLs after 5 s; {@code kill()} SIGKILLs at once; both keep the data.
 *
 * <p>Start it once per test class and close it after:
 * <pre>{@code
 * static EtcdServer etcd;
 * @BeforeAll static void startEtcd() { etcd = EtcdServer.launch(); }
 * @AfterAll static void stopEtcd() { etcd.close(); }
 * }</pre>
 * A missing binary skips the test, or fails it under {@code CI=true}: see {@link ServerBinaries}.
 * Thread-safe.
 */
public final class EtcdServer extends SingleServerLauncher<EtcdNode> {

    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);
    private static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    /**
     * A lone member elects itself once an election timeout passes after a restart with data; the
     * default 1 s would double the restart time. With no peers, a short timeout risks nothing.
     */
    private static final List<String> FAST_ELECTION = List.of("--heartbeat-interval", "20", "--election-timeout", "200");

    private final EtcdOptions options;
    private final Path directory;
    private final ServerGroup<EtcdNode> group;

    private EtcdServer(Path binary, EtcdOptions options) {
        this.options = options;
        this.directory = ServerFiles.createDirectory("etcd");
        EtcdNode node = new EtcdNode("n1", directory, options, FAST_ELECTION);
        this.group = new ServerGroup<>("etcd", directory, List.of(node),
                n -> n.launch(binary, n.initialClusterEntry(), "pilot-etcd-" + n.clientAddress()), READY_DEADLINE, STOP_DEADLINE);
    }

    /** Starts a plain-HTTP node and returns once it serves. */
    public static EtcdServer launch() {
        return launch(EtcdOptions.defaults());
    }

    /** Starts a node with {@code options} and returns once it serves. */
    public static EtcdServer launch(EtcdOptions options) {
        return TestServer.started(new EtcdServer(ServerBinaries.etcd(), options));
    }

    /** The client URL: {@code http://127.0.0.1:<client port>}, or {@code https://…} with {@link EtcdOptions#withHttps()}. */
    public URI uri() {
        return URI.create(options.clientScheme() + "://" + address());
    }

    /** The node's own folder: its data ({@code n1.data/}) and log ({@code n1.log}) live here. */
    public Path directory() {
        return directory;
    }

    @Override
    ServerGroup<EtcdNode> servers() {
        return group;
    }
}
