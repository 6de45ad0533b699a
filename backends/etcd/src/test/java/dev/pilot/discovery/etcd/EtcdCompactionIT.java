package dev.pilot.discovery.etcd;

import static dev.pilot.discovery.tck.Timing.PROMPTLY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pilot.discovery.ServiceBackend;
import dev.pilot.discovery.ServiceDefinition;
import dev.pilot.discovery.Watch;
import dev.pilot.discovery.tck.RecordingListener;
import dev.pilot.discovery.tck.servers.ServerExtension;
import dev.pilot.testservers.EtcdServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * etcd compacts its history: a watch can only start from a revision it still keeps. A running
 * watch is unaffected; a watch asked to start from a compacted revision is cancelled with the
 * oldest revision kept, which makes the backend read afresh.
 */
class EtcdCompactionIT {

    @RegisterExtension
    static final ServerExtension<EtcdServer> ETCD = ServerExtension.of(EtcdServer::launch);

    private final RawEtcd raw = new RawEtcd(ETCD.server().address());

    @Test
    void aWatchKeepsTheRightSetWhenHistoryIsCompactedPastItsRevision() {
        String name = "compacted-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceDefinition a = service(name, 1);
        ServiceDefinition b = service(name, 2);
        ServiceDefinition c = service(name, 3);
        try (ServiceBackend backend = connect(); ServiceBackend observer = connect()) {
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = observer.watch(name, "", listener)) {
                backend.sendHeartbeat(a);
                backend.sendHeartbeat(b);
                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(a.id(), b.id())));

                raw.compact(raw.revision());
                backend.deregister(a);
                backend.sendHeartbeat(c);

                await().atMost(PROMPTLY).until(() -> listener.lastIds().equals(List.of(b.id(), c.id())));
                assertThat(observer.instances(name, "")).containsExactly(b.toInstance(), c.toInstance());
            }
        }
    }

    @Test
    void aWatchFromACompactedRevisionIsCancelledWithTheOldestRevisionKept() throws Exception {
        String prefix = "/containerpilot/history-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        long first = raw.put(prefix + "one", "{}");
        raw.put(prefix + "two", "{}");
        long compacted = raw.revision();
        raw.compact(compacted);

        try (EtcdApi api = new EtcdApi(new Transport(EtcdConfig.of("http://" + ETCD.server().address())));
             WatchStream stream = api.watch(prefix, first)) {
            WatchStream.Answer answer = stream.next();
            while (answer != null && !answer.cancelled()) {
                assertThat(answer.events()).as("no event from compacted history").isEmpty();
                answer = stream.next();
            }

            assertThat(answer).isNotNull();
            assertThat(answer.compactRevision()).isEqualTo(compacted);
        }
    }

    private static ServiceBackend connect() {
        return new EtcdBackendProvider().create(Map.of("endpoints", "http://" + ETCD.server().address()));
    }

    private static ServiceDefinition service(String name, int n) {
        return new ServiceDefinition(name + "-" + n, name, 8080 + n, Duration.ofSeconds(30), List.of(), "127.0.0.1");
    }
}
