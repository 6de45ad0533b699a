package dev.pilot.discovery.zookeeper;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.ZooKeeperServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every watch of a backend shares one server-side watch of the prefix and one thread; each
 * upstream still gets its own sets, a second tag of a service already read gets its set at once,
 * and a service watched again after its last watch ended is read afresh.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedWatchIT {

    @RegisterExtension
    static final ServerExtension<ZooKeeperServer> ZOOKEEPER = ServerExtension.of(ZooKeeperServer::launch);

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private String prefix;
    private ServiceBackend backend;
    private ServiceBackend peer;

    @BeforeEach
    void connect() {
        prefix = "/shared-" + ProcessHandle.current().pid() + "-" + PREFIXES.incrementAndGet();
        ZooKeeperConfig config = ZooKeeperConfig.of(ZOOKEEPER.server().address()).withPrefix(prefix)
                .withTimeouts(java.time.Duration.ofSeconds(10), ZooKeeperConformanceIT.REQUEST_TIMEOUT);
        backend = ZooKeeperBackendProvider.connect(config);
        peer = ZooKeeperBackendProvider.connect(config);
    }

    @AfterEach
    void disconnect() {
        backend.close();
        peer.close();
    }

    @Test
    void tenUpstreamsShareOneServerWatchAndEachGetsItsOwnSet() throws Exception {
        List<Watch> watches = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                RecordingListener listener = new RecordingListener();
                listeners.add(listener);
                watches.add(backend.watch("svc" + i, "", listener));
            }
            for (int i = 0; i < 10; i++) {
                peer.sendHeartbeat(SessionExpiryIT.service("svc" + i, 9000 + i));
            }
            for (int i = 0; i < 10; i++) {
                List<String> expected = List.of("svc" + i + "-" + (9000 + i));
                RecordingListener listener = listeners.get(i);
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(expected));
            }

            // one watch per upstream would be ten paths, one per service
            assertThat(watchedPaths()).containsExactly(prefix);
        } finally {
            watches.forEach(Watch::cancel);
        }
    }

    @Test
    void aSecondTagOfAServiceAlreadyReadGetsItsSetAtOnce() {
        ServiceDefinition blue = SessionExpiryIT.service("web", 8080, "blue");
        ServiceDefinition green = SessionExpiryIT.service("web", 8081, "green");
        peer.sendHeartbeat(blue);
        peer.sendHeartbeat(green);
        RecordingListener all = new RecordingListener();
        RecordingListener blues = new RecordingListener();
        try (Watch first = backend.watch("web", "", all)) {
            await().atMost(PROMPTLY).until(() -> all.lastIds().equals(List.of(blue.id(), green.id())));

            try (Watch second = backend.watch("web", "blue", blues)) {
                // no change follows: the set must come from what the shared watch already read
                await().atMost(PROMPTLY).until(() -> blues.lastIds().equals(List.of(blue.id())));
            }
        }
    }

    @Test
    void aServiceWatchedAgainAfterItsLastWatchEndedIsReadAfresh() {
        ServiceDefinition db1 = SessionExpiryIT.service("db", 5432);
        ServiceDefinition db2 = SessionExpiryIT.service("db", 5433);
        peer.sendHeartbeat(db1);
        RecordingListener other = new RecordingListener();
        try (Watch keepsTheFeedRunning = backend.watch("cache", "", other)) {
            RecordingListener before = new RecordingListener();
            try (Watch first = backend.watch("db", "", before)) {
                await().atMost(PROMPTLY).until(() -> before.lastIds().equals(List.of(db1.id())));
            }

            peer.sendHeartbeat(db2); // while nobody watches db: the event is dropped unread

            RecordingListener after = new RecordingListener();
            try (Watch again = backend.watch("db", "", after)) {
                await().atMost(PROMPTLY).until(() -> after.lastIds().equals(List.of(db1.id(), db2.id())));
            }
        }
    }

    /** The paths the server holds watches on under this test's prefix ({@code wchp}). */
    private List<String> watchedPaths() throws IOException {
        String address = ZOOKEEPER.server().address();
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(address.substring(address.lastIndexOf(':') + 1)))) {
            socket.setSoTimeout(1_000);
            socket.getOutputStream().write("wchp".getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return answer.lines().filter(line -> line.startsWith(prefix)).toList();
        }
    }
}
