package dev.pilot.discovery.tck.servers;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.curator.test.InstanceSpec;
import org.apache.zookeeper.client.FourLetterWordMain;
import org.apache.zookeeper.util.ServiceUtils;

/**
 * What the in-process ZooKeeper launchers share: the JVM-wide settings ZooKeeper reads, instance
 * specs bound to 127.0.0.1, and the {@code srvr} four-letter word that tells whether a server
 * serves and whether it leads.
 *
 * <p>Note for SASL tests later: ZooKeeper 3.9 runs in FIPS mode by default, which refuses
 * DIGEST-MD5; such a test sets the system property {@code zookeeper.fips-mode=false} for server
 * and client before either starts. Nothing here sets it, as digest ACLs and TLS do not need it.
 */
final class ZooKeeperInProcess {

    private static final int TICK_MILLIS = 500;
    private static final int MAX_CLIENT_CONNECTIONS = 100;
    private static final int FOUR_LETTER_TIMEOUT_MILLIS = 1_000;
    private static final Duration READY_DEADLINE = Duration.ofSeconds(30);

    private ZooKeeperInProcess() {}

    /**
     * Sets what must be set before any ZooKeeper server starts in this JVM: all four-letter
     * words allowed (ZooKeeper reads the list once), so {@code srvr} answers.
     */
    static void prepareJvm() {
        System.setProperty("zookeeper.4lw.commands.whitelist", "*");
    }

    /**
     * Called after every server start. ZooKeeper's embedded server sets its exit procedure to
     * {@code System.exit} on each start, so a server thread that dies later would end the whole
     * test JVM (failsafe then reports a crashed fork); this turns that into a log line.
     */
    static void keepJvmAliveOnServerDeath() {
        ServiceUtils.setSystemExitProcedure(ServiceUtils.LOG_ONLY);
    }

    /**
     * An instance bound to 127.0.0.1 with a fixed client port, so restarts keep the address.
     *
     * @param tickMillis ZooKeeper's tick, or -1 for Curator's default
     */
    static InstanceSpec instanceSpec(Path dataDirectory, int serverId, int tickMillis, Map<String, Object> extraProperties) {
        Map<String, Object> properties = new HashMap<>(extraProperties);
        properties.putIfAbsent("clientPortAddress", "127.0.0.1");
        return new InstanceSpec(new File(ServerFiles.ensureDirectory(dataDirectory).toString()),
                FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), true, serverId, tickMillis,
                MAX_CLIENT_CONNECTIONS, properties, "127.0.0.1");
    }

    /** A standalone instance with a 500 ms tick (sessions may be as short as 1 s). */
    static InstanceSpec standaloneSpec(Path dataDirectory, Map<String, Object> extraProperties) {
        return instanceSpec(dataDirectory, 1, TICK_MILLIS, extraProperties);
    }

    /**
     * What {@code srvr} says about the server's role: {@code standalone}, {@code leader},
     * {@code follower}; empty while it does not serve (a server answers {@code ruok} before it serves).
     */
    static Optional<String> mode(int port) {
        try {
            String answer = FourLetterWordMain.send4LetterWord("127.0.0.1", port, "srvr", false, FOUR_LETTER_TIMEOUT_MILLIS);
            return answer.lines()
                    .filter(line -> line.startsWith("Mode: "))
                    .map(line -> line.substring("Mode: ".length()).strip())
                    .findFirst();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /** Waits until the server on {@code port} serves, that is {@code srvr} shows its mode. */
    static void awaitServing(int port) {
        await("ZooKeeper at 127.0.0.1:" + port + " serving")
                .atMost(READY_DEADLINE)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(25))
                .until(() -> mode(port).isPresent());
    }
}
